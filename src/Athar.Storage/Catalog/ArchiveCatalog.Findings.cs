using Dapper;

namespace Athar.Storage.Catalog;

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
}
