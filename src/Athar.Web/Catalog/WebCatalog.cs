using System.Text.RegularExpressions;
using Athar.Storage;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Athar.Web.Catalog;

public sealed record WebCounts(long Items, long Copies, long Sources);

public sealed record WebSource(string Label, string? Custodian, string? Received, string? Note, long Copies, long NewItems)
{
    public long Duplicates => Copies - NewItems;
}

public sealed record WebItem(string Id, long Size, string MediaType, string StoredName, string ObjectPath);

public sealed record WebCopy(string Source, string Path, string? Origin, long Size, string? Modified, string? Custodian,
    string? Received, string IngestedAt, long LedgerSeq);

public sealed record GalleryRow(long Position, string Id, long Size, string MediaType);

/// <summary>
/// The web app's read-only queries over catalog.db, on their own read-only connection (SQLite WAL lets them
/// run while ingest writes). Gallery pages use keyset paging on the items table's rowid, which is its insertion
/// order and so the order of first sight (the catalog inserts items in ledger order, and rebuilds replay it).
/// </summary>
public sealed partial class WebCatalog(IOptions<AtharWebOptions> options)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = new ArchiveLayout(options.Value.Archive).Catalog,
        Mode = SqliteOpenMode.ReadOnly,
    }.ToString();

    [GeneratedRegex("^[0-9a-f]{8,64}$")]
    private static partial Regex HexPrefix();

    public WebCounts Counts()
    {
        using var c = Open();
        return c.QuerySingle<WebCounts>("""
            SELECT (SELECT COUNT(*) FROM items) AS Items, (SELECT COUNT(*) FROM copies) AS Copies, (SELECT COUNT(*) FROM sources) AS Sources
            """);
    }

    /// <summary>
    /// Every source with its copies and the items first seen on it. New items are counted in one pass over the
    /// items, each joined to its first copy by the unique ledger_seq (about 0.1 s for 60,000 items and 120,000
    /// copies, where a correlated count per source took several times longer).
    /// </summary>
    public IReadOnlyList<WebSource> Sources()
    {
        using var c = Open();
        var newItems = c.Query<(long SourceId, long Count)>(
            "SELECT c.source_id, COUNT(*) FROM items i JOIN copies c ON c.ledger_seq = i.first_seq GROUP BY c.source_id")
            .ToDictionary(r => r.SourceId, r => r.Count);
        return c.Query<(long Id, string Label, string? Custodian, string? Received, string? Note, long Copies)>("""
            SELECT s.id, s.label, s.custodian, s.received, s.note, (SELECT COUNT(*) FROM copies c WHERE c.source_id = s.id)
            FROM sources s ORDER BY s.first_seq
            """).Select(r => new WebSource(r.Label, r.Custodian, r.Received, r.Note, r.Copies, newItems.GetValueOrDefault(r.Id))).ToList();
    }

    public IReadOnlyList<string> SourceLabels()
    {
        using var c = Open();
        return c.Query<string>("SELECT label FROM sources ORDER BY first_seq").AsList();
    }

    /// <summary>The item named by a full id or a unique prefix of at least 8 lower-case hex digits; null otherwise.</summary>
    public WebItem? Item(string idOrPrefix)
    {
        if (!HexPrefix().IsMatch(idOrPrefix)) return null;
        using var c = Open();
        var ids = c.Query<string>("SELECT id FROM items WHERE id >= @low AND id < @high ORDER BY id LIMIT 2",
            new { low = idOrPrefix, high = idOrPrefix + "g" }).AsList();
        if (ids.Count != 1) return null;
        return c.QuerySingleOrDefault<WebItem>("""
            SELECT id AS Id, size AS Size, media_type AS MediaType, stored_name AS StoredName, object_path AS ObjectPath
            FROM items WHERE id = @id
            """, new { id = ids[0] });
    }

    public IReadOnlyList<WebCopy> Copies(string itemId)
    {
        using var c = Open();
        return c.Query<WebCopy>("""
            SELECT s.label AS Source, c.path AS Path, c.origin AS Origin, c.size AS Size, c.modified AS Modified,
                   c.custodian AS Custodian, c.received AS Received, c.ingested_at AS IngestedAt, c.ledger_seq AS LedgerSeq
            FROM copies c JOIN sources s ON s.id = c.source_id WHERE c.item_id = @itemId ORDER BY c.ledger_seq
            """, new { itemId }).AsList();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
