using Dapper;

namespace Athar.Web.Audit;

/// <summary>Ledger entries about one case (subject.case), for case pages: annotations and edits.</summary>
public sealed partial class LedgerIndex
{
    /// <summary>Entries of the given types whose subject names <paramref name="caseId"/>, oldest first.</summary>
    public IReadOnlyList<LedgerRow> ForCase(string caseId, IReadOnlyList<string> types, int limit = 500)
    {
        CatchUp();
        using var connection = Open();
        return connection.Query<LedgerRow>("""
            SELECT seq AS Seq, time AS Time, type AS Type, actor AS Actor, item AS Item, subject AS Subject, details AS Details
            FROM entries WHERE type IN @types AND json_extract(subject, '$.case') = @caseId
            ORDER BY seq LIMIT @limit
            """, new { types, caseId, limit }).AsList();
    }

    /// <summary>The times of one actor's entries of one type, newest first (for the queue's rate).</summary>
    public IReadOnlyList<string> Times(string type, string actor, int limit = 1000)
    {
        CatchUp();
        using var connection = Open();
        return connection.Query<string>("SELECT time FROM entries WHERE type = @type AND actor = @actor ORDER BY seq DESC LIMIT @limit",
            new { type, actor, limit }).AsList();
    }
}
