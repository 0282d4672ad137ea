using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Dapper;

namespace Athar.Storage.Catalog;

public sealed record ArchiveRunRow(string Analyzer, long Version, string InputDigest, long Items, long Changed, string Summary, long LedgerSeq);

public sealed record FindingRow(string ItemId, string Analyzer, long Version, string Code, long Severity, string Explanation, string Data, long LedgerSeq);

/// <summary>Queries over analysis results.</summary>
public sealed partial class ArchiveCatalog
{
    public IReadOnlyDictionary<string, int> AnalyzerVersions(string itemId) =>
        Connection.Query<(string Analyzer, long Version)>("SELECT analyzer, version FROM analyses WHERE item_id = @itemId", new { itemId })
            .ToDictionary(r => r.Analyzer, r => (int)r.Version, StringComparer.Ordinal);

    public IEnumerable<FindingRow> Findings(string? code = null, int? minimumSeverity = null, string? itemId = null) => Connection.Query<FindingRow>("""
        SELECT item_id AS ItemId, analyzer AS Analyzer, version AS Version, code AS Code, severity AS Severity,
               explanation AS Explanation, data AS Data, ledger_seq AS LedgerSeq
        FROM findings
        WHERE (@code IS NULL OR code = @code) AND (@severity IS NULL OR severity >= @severity) AND (@itemId IS NULL OR item_id = @itemId)
        ORDER BY item_id, analyzer, id
        """, new { code, severity = minimumSeverity, itemId }, buffered: false);

    public long FindingCount() => Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM findings");

    /// <summary>Findings per severity (index = severity), for dashboards and status.</summary>
    public long[] FindingCountsBySeverity()
    {
        var counts = new long[4];
        foreach (var (severity, count) in Connection.Query<(long, long)>("SELECT severity, COUNT(*) FROM findings GROUP BY severity"))
            if (severity is >= 0 and < 4) counts[severity] = count;
        return counts;
    }

    public IReadOnlyList<(string Analyzer, long Version, string ResultDigest, long LedgerSeq)> AnalysesOf(string itemId) =>
        Connection.Query<(string, long, string, long)>("SELECT analyzer, version, result_digest, ledger_seq FROM analyses WHERE item_id = @itemId ORDER BY analyzer",
            new { itemId }).AsList();

    public IReadOnlyDictionary<string, (int Version, string ResultDigest)> RecordedResults(string analyzer) =>
        Connection.Query<(string Item, long Version, string Digest)>("SELECT item_id, version, result_digest FROM analyses WHERE analyzer = @analyzer", new { analyzer })
            .ToDictionary(r => r.Item, r => ((int)r.Version, r.Digest), StringComparer.Ordinal);

    public ArchiveRunRow? ArchiveRun(string analyzer) => Connection.QuerySingleOrDefault<ArchiveRunRow>("""
        SELECT analyzer AS Analyzer, version AS Version, input_digest AS InputDigest, items AS Items, changed AS Changed,
               summary AS Summary, ledger_seq AS LedgerSeq
        FROM archive_analyses WHERE analyzer = @analyzer
        """, new { analyzer });

    public IReadOnlyList<ArchiveRunRow> ArchiveRuns() => Connection.Query<ArchiveRunRow>("""
        SELECT analyzer AS Analyzer, version AS Version, input_digest AS InputDigest, items AS Items, changed AS Changed,
               summary AS Summary, ledger_seq AS LedgerSeq
        FROM archive_analyses ORDER BY analyzer
        """).AsList();

    /// <summary>
    /// Every item in id order with the data of its findings whose code is one of <paramref name="codes"/>, and
    /// its copies' paths: three ordered scans merged, so memory stays proportional to one item.
    /// </summary>
    public IEnumerable<ArchiveItemFacts> ItemFacts(IReadOnlyCollection<string> codes)
    {
        var wanted = codes.ToArray();
        using var findings = Connection.Query<(string Item, string Code, string Data)>(
            "SELECT item_id, code, data FROM findings WHERE code IN @wanted ORDER BY item_id, id", new { wanted }, buffered: false).GetEnumerator();
        using var copies = Connection.Query<(string Item, string Path)>(
            "SELECT item_id, path FROM copies ORDER BY item_id, ledger_seq", buffered: false).GetEnumerator();
        var haveFinding = wanted.Length > 0 && findings.MoveNext();
        var haveCopy = copies.MoveNext();
        foreach (var item in Connection.Query<(string Id, string MediaType, long FirstSeq)>("SELECT id, media_type, first_seq FROM items ORDER BY id", buffered: false))
        {
            var paths = new List<string>(1);
            while (haveCopy && string.CompareOrdinal(copies.Current.Item, item.Id) <= 0)
            {
                if (copies.Current.Item == item.Id) paths.Add(copies.Current.Path);
                haveCopy = copies.MoveNext();
            }
            var facts = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            while (haveFinding && string.CompareOrdinal(findings.Current.Item, item.Id) <= 0)
            {
                var (findingItem, code, data) = findings.Current;
                if (findingItem == item.Id && !facts.ContainsKey(code) && JsonNode.Parse(data) is JsonObject parsed) facts[code] = parsed;
                haveFinding = findings.MoveNext();
            }
            yield return new ArchiveItemFacts(item.Id, item.MediaType, item.FirstSeq, paths, facts);
        }
    }

    /// <summary>The near-duplicate group the item belongs to, or null (CatalogedFindingCodes.NearDuplicateGroup).</summary>
    public string? NearDuplicateGroupOf(string itemId) =>
        Connection.QuerySingleOrDefault<string>("SELECT group_id FROM near_duplicates WHERE item_id = @itemId", new { itemId });
}
