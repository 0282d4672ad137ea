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

public sealed record GalleryFilter(string? Source, string? MediaType, string? Text);

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

    public IReadOnlyList<WebSource> Sources()
    {
        using var c = Open();
        return c.Query<WebSource>("""
            SELECT s.label AS Label, s.custodian AS Custodian, s.received AS Received, s.note AS Note,
                   (SELECT COUNT(*) FROM copies c WHERE c.source_id = s.id) AS Copies,
                   (SELECT COUNT(*) FROM copies c JOIN items i ON i.first_seq = c.ledger_seq WHERE c.source_id = s.id) AS NewItems
            FROM sources s ORDER BY s.first_seq
            """).AsList();
    }

    public IReadOnlyList<string> SourceLabels()
    {
        using var c = Open();
        return c.Query<string>("SELECT label FROM sources ORDER BY first_seq").AsList();
    }

    public IReadOnlyList<string> MediaTypes()
    {
        using var c = Open();
        return c.Query<string>("SELECT DISTINCT media_type FROM items ORDER BY media_type").AsList();
    }

    /// <summary>
    /// One page of items after <paramref name="after"/> (a position from the previous page; 0 for the first).
    /// Source and text filters test the item's copies through the copies_by_item index.
    /// </summary>
    public IReadOnlyList<GalleryRow> Gallery(GalleryFilter filter, long after, int limit)
    {
        using var c = Open();
        var text = string.IsNullOrWhiteSpace(filter.Text) ? null : "%" + EscapeLike(filter.Text.Trim()) + "%";
        return c.Query<GalleryRow>("""
            SELECT i.rowid AS Position, i.id AS Id, i.size AS Size, i.media_type AS MediaType
            FROM items i
            WHERE i.rowid > @after
              AND (@mediaType IS NULL OR i.media_type = @mediaType)
              AND (@source IS NULL OR EXISTS (SELECT 1 FROM copies c JOIN sources s ON s.id = c.source_id
                                              WHERE c.item_id = i.id AND s.label = @source))
              AND (@text IS NULL OR EXISTS (SELECT 1 FROM copies c WHERE c.item_id = i.id AND c.path LIKE @text ESCAPE '\'))
            ORDER BY i.rowid LIMIT @limit
            """, new { after, limit, source = Blank(filter.Source), mediaType = Blank(filter.MediaType), text }).AsList();
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

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
