using System.Data;
using Dapper;

namespace Athar.Storage.Catalog;

/// <summary>One case as the catalog holds it (numbers, confidences and statuses per line).</summary>
public sealed record CaseRow(
    string Id, string State, string? MergedInto,
    string? Detainee, double DetaineeConfidence, string DetaineeStatus,
    string? Branch, double BranchConfidence, string BranchStatus,
    string? Report, double ReportConfidence, string ReportStatus,
    string Status, string? BestItem, long CreatedSeq, long UpdatedSeq);

/// <summary>Queries over victim cases (docs/cases.md).</summary>
public sealed partial class ArchiveCatalog
{
    /// <summary>The cases table's columns as <see cref="CaseRow"/> properties, for every reader of the table (the web's read-only one too).</summary>
    public const string CaseColumns = """
        id AS Id, state AS State, merged_into AS MergedInto,
        detainee AS Detainee, detainee_confidence AS DetaineeConfidence, detainee_status AS DetaineeStatus,
        branch AS Branch, branch_confidence AS BranchConfidence, branch_status AS BranchStatus,
        report AS Report, report_confidence AS ReportConfidence, report_status AS ReportStatus,
        status AS Status, best_item AS BestItem, created_seq AS CreatedSeq, updated_seq AS UpdatedSeq
        """;

    /// <summary>Cases that still exist (not merged away or emptied), in id order.</summary>
    public IReadOnlyList<CaseRow> OpenCases() => OpenCases(Connection);

    /// <inheritdoc cref="OpenCases()"/>
    /// <remarks>On any connection to a catalog, such as the web app's own read-only one.</remarks>
    public static IReadOnlyList<CaseRow> OpenCases(IDbConnection connection) =>
        connection.Query<CaseRow>($"SELECT {CaseColumns} FROM cases WHERE state = 'open' ORDER BY id").AsList();

    /// <summary>Any case ever created, open or not, or null.</summary>
    public CaseRow? Case(string id) => Case(Connection, id);

    /// <inheritdoc cref="Case(string)"/>
    /// <remarks>On any connection to a catalog, such as the web app's own read-only one.</remarks>
    public static CaseRow? Case(IDbConnection connection, string id) =>
        connection.QuerySingleOrDefault<CaseRow>($"SELECT {CaseColumns} FROM cases WHERE id = @id", new { id });

    /// <summary>Open case id to its items in shooting order.</summary>
    public IReadOnlyDictionary<string, List<string>> CaseItems()
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (caseId, item) in Connection.Query<(string, string)>("SELECT case_id, item_id FROM case_items ORDER BY case_id, position"))
        {
            if (!result.TryGetValue(caseId, out var list)) result[caseId] = list = [];
            list.Add(item);
        }
        return result;
    }

    public string? CaseOfItem(string itemId) =>
        Connection.QuerySingleOrDefault<string>("SELECT case_id FROM case_items WHERE item_id = @itemId", new { itemId });

    public long OpenCaseCount() => Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM cases WHERE state = 'open'");

    /// <summary>All case ids ever created (merged and emptied ones too): ids are never reused.</summary>
    public IReadOnlyList<string> AllCaseIds() => Connection.Query<string>("SELECT id FROM cases").AsList();
}
