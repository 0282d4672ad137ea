using Dapper;

namespace Athar.Storage.Catalog;

public sealed record CatalogCounts(long Items, long Copies, long Sources, long Bytes, long Symlinks, long Rejections);

public sealed record ItemRow(string Id, long Size, string MediaType, string StoredName, string ObjectPath, long FirstSeq);

public sealed record CopyRow(string ItemId, string Source, string Path, string? Origin, long Size, string? Modified, string? Changed,
    string? Accessed, string? Born, string? Custodian, string? Received, string? Note, string IngestedAt, string ToolVersion, long LedgerSeq);

public sealed record SourceRow(string Label, string? Custodian, string? Received, string? Note, long Copies, long NewItems);

/// <summary>Read queries for the CLI and, later, the web app.</summary>
public sealed partial class ArchiveCatalog
{
    public CatalogCounts Counts() => Connection.QuerySingle<CatalogCounts>("""
        SELECT (SELECT COUNT(*) FROM items) AS Items,
               (SELECT COUNT(*) FROM copies) AS Copies,
               (SELECT COUNT(*) FROM sources) AS Sources,
               (SELECT COALESCE(SUM(size), 0) FROM items) AS Bytes,
               (SELECT COUNT(*) FROM symlinks) AS Symlinks,
               (SELECT COUNT(*) FROM rejections) AS Rejections
        """);

    public IEnumerable<ItemRow> Items(int limit = int.MaxValue, int offset = 0) => Connection.Query<ItemRow>("""
        SELECT id AS Id, size AS Size, media_type AS MediaType, stored_name AS StoredName, object_path AS ObjectPath, first_seq AS FirstSeq
        FROM items ORDER BY first_seq LIMIT @limit OFFSET @offset
        """, new { limit, offset }, buffered: false);

    public ItemRow? Item(string id) => Connection.QuerySingleOrDefault<ItemRow>("""
        SELECT id AS Id, size AS Size, media_type AS MediaType, stored_name AS StoredName, object_path AS ObjectPath, first_seq AS FirstSeq
        FROM items WHERE id = @id
        """, new { id });

    /// <summary>Item ids that start with <paramref name="prefix"/> (lower-case hex), at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<string> IdsWithPrefix(string prefix, int limit = 2) => Connection.Query<string>(
        "SELECT id FROM items WHERE id >= @low AND id < @high ORDER BY id LIMIT @limit",
        new { low = prefix, high = prefix + "g", limit }).AsList();

    public IReadOnlyList<CopyRow> CopiesOf(string itemId) => Connection.Query<CopyRow>(CopySelect + " WHERE c.item_id = @itemId ORDER BY c.ledger_seq",
        new { itemId }).AsList();

    public IEnumerable<CopyRow> AllCopies() => Connection.Query<CopyRow>(CopySelect + " ORDER BY c.ledger_seq", buffered: false);

    public IReadOnlyList<SourceRow> Sources() => Connection.Query<SourceRow>("""
        SELECT s.label AS Label, s.custodian AS Custodian, s.received AS Received, s.note AS Note,
               (SELECT COUNT(*) FROM copies c WHERE c.source_id = s.id) AS Copies,
               (SELECT COUNT(*) FROM items i JOIN copies c ON c.ledger_seq = i.first_seq WHERE c.source_id = s.id) AS NewItems
        FROM sources s ORDER BY s.first_seq
        """).AsList();

    private const string CopySelect = """
        SELECT c.item_id AS ItemId, s.label AS Source, c.path AS Path, c.origin AS Origin, c.size AS Size,
               c.modified AS Modified, c.changed AS Changed, c.accessed AS Accessed, c.born AS Born,
               c.custodian AS Custodian, c.received AS Received, c.note AS Note,
               c.ingested_at AS IngestedAt, c.tool_version AS ToolVersion, c.ledger_seq AS LedgerSeq
        FROM copies c JOIN sources s ON s.id = c.source_id
        """;
}
