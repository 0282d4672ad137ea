using Athar.Core.Analysis;
using Dapper;

namespace Athar.Web.Catalog;

public sealed record WebFinding(string Analyzer, long Version, string Code, long Severity, string Explanation, string Data)
{
    public string SeverityText => ((Severity)Severity).ToText();
}

public sealed record WebAnalysis(string Analyzer, long Version, long LedgerSeq);

/// <summary>An item's analyses and findings, as the catalog holds them (latest version of each analyzer).</summary>
public sealed partial class WebCatalog
{
    public IReadOnlyList<WebFinding> Findings(string itemId)
    {
        using var c = Open();
        return c.Query<WebFinding>("""
            SELECT analyzer AS Analyzer, version AS Version, code AS Code, severity AS Severity, explanation AS Explanation, data AS Data
            FROM findings WHERE item_id = @itemId ORDER BY severity DESC, analyzer, id
            """, new { itemId }).AsList();
    }

    public IReadOnlyList<WebAnalysis> Analyses(string itemId)
    {
        using var c = Open();
        return c.Query<WebAnalysis>("SELECT analyzer AS Analyzer, version AS Version, ledger_seq AS LedgerSeq FROM analyses WHERE item_id = @itemId ORDER BY analyzer",
            new { itemId }).AsList();
    }

    /// <summary>Findings per severity (index = severity).</summary>
    public long[] FindingCountsBySeverity()
    {
        using var c = Open();
        var counts = new long[4];
        foreach (var (severity, count) in c.Query<(long, long)>("SELECT severity, COUNT(*) FROM findings GROUP BY severity"))
            if (severity is >= 0 and < 4) counts[severity] = count;
        return counts;
    }
}
