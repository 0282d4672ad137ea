using Dapper;

namespace Athar.Web.Catalog;

/// <summary>The gallery's filters; null or blank means any. Dates are yyyy-MM-dd, inclusive; severity is the least severity.</summary>
public sealed record GalleryFilter(string? Source = null, string? MediaType = null, string? Text = null, string? Camera = null,
    string? From = null, string? To = null, string? Code = null, int? Severity = null);

public sealed record CountRow(string Label, long Count);

/// <summary>Gallery pages and dashboard aggregates over the index.</summary>
public sealed partial class GalleryIndex
{
    /// <summary>
    /// One page of items after <paramref name="after"/> (a position from the previous page; 0 for the first), in
    /// catalog order. The query is driven by the index of the most selective filter present (text, finding code,
    /// source, camera, media type, in that order), read in item order from <c>after</c> on, so a page costs about
    /// the rows it returns; the other filters are checked per row. A filter that matches few items while a
    /// broader one drives the query makes SQLite read more rows: docs/web.md gives the measured cases.
    /// </summary>
    public IReadOnlyList<GalleryRow> Page(GalleryFilter filter, long after, int limit)
    {
        CatchUp();
        using var c = Open();
        var p = new DynamicParameters(new { after, limit });
        var where = new List<string>();
        string from, key;
        var text = Blank(filter.Text)?.Trim();
        var code = Blank(filter.Code);
        long? sourceId = null;
        if (Blank(filter.Source) is { } label)
        {
            sourceId = c.ExecuteScalar<long?>("SELECT id FROM cat.sources WHERE label = @label", new { label });
            if (sourceId is null) return [];
            p.Add("sourceId", sourceId);
        }
        if (text is not null)
        {
            from = "text t JOIN item g ON g.item_rowid = t.rowid";
            key = "t.rowid";
            if (text.Length >= 3) { where.Add("t.text MATCH @match"); p.Add("match", "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""); }
            else { where.Add("t.body LIKE @like ESCAPE '\\'"); p.Add("like", "%" + EscapeLike(text) + "%"); }
        }
        else if (code is not null) { from = "code k JOIN item g ON g.item_rowid = k.item_rowid"; key = "k.item_rowid"; }
        else if (sourceId is not null) { from = "source s JOIN item g ON g.item_rowid = s.item_rowid"; key = "s.item_rowid"; }
        else { from = "item g"; key = "g.item_rowid"; }
        where.Add(key + " > @after");

        if (code is not null)
        {
            p.Add("code", code);
            if (from.StartsWith("code", StringComparison.Ordinal)) where.Add("k.code = @code" + (filter.Severity is null ? "" : " AND k.severity >= @severity"));
            else where.Add("EXISTS (SELECT 1 FROM code k2 WHERE k2.code = @code AND k2.item_rowid = g.item_rowid" + (filter.Severity is null ? "" : " AND k2.severity >= @severity") + ")");
        }
        else if (filter.Severity is not null) where.Add("g.severity >= @severity");
        if (filter.Severity is { } severity) p.Add("severity", severity);
        if (sourceId is not null)
        {
            if (from.StartsWith("source", StringComparison.Ordinal)) where.Add("s.source_id = @sourceId");
            else where.Add("EXISTS (SELECT 1 FROM source s2 WHERE s2.source_id = @sourceId AND s2.item_rowid = g.item_rowid)");
        }
        if (Blank(filter.Camera) is { } camera) { where.Add("g.camera = @camera"); p.Add("camera", camera); }
        if (Blank(filter.MediaType) is { } mediaType) { where.Add("g.media_type = @mediaType"); p.Add("mediaType", mediaType); }
        if (Blank(filter.From) is { } fromDate) { where.Add("g.taken >= @fromDate"); p.Add("fromDate", fromDate); }
        if (Blank(filter.To) is { } toDate) { where.Add("g.taken <= @toDate"); p.Add("toDate", toDate); }

        var rowids = c.Query<long>($"SELECT {key} FROM {from} WHERE {string.Join(" AND ", where)} ORDER BY {key} LIMIT @limit", p).AsList();
        if (rowids.Count == 0) return [];
        return c.Query<GalleryRow>("""
            SELECT i.rowid AS Position, i.id AS Id, i.size AS Size, i.media_type AS MediaType
            FROM cat.items i WHERE i.rowid IN @rowids ORDER BY i.rowid
            """, new { rowids }).AsList();
    }

    public IReadOnlyList<CountRow> PhotosPerMonth() => Cached("month", c =>
        c.Query<CountRow>("SELECT month AS Label, COUNT(*) AS Count FROM item WHERE month IS NOT NULL GROUP BY month ORDER BY month").AsList());

    public IReadOnlyList<CountRow> PhotosPerCamera() => Cached("camera", c =>
        c.Query<CountRow>("SELECT camera AS Label, COUNT(*) AS Count FROM item WHERE camera IS NOT NULL GROUP BY camera ORDER BY COUNT(*) DESC, camera").AsList());

    /// <summary>Findings per severity, info to alert (a scan of the catalog's findings, hence cached).</summary>
    public IReadOnlyList<CountRow> FindingsBySeverity()
    {
        var counts = Cached("severity", c => c.Query<CountRow>("SELECT CAST(severity AS TEXT) AS Label, COUNT(*) AS Count FROM cat.findings GROUP BY severity").AsList());
        return [.. new[] { "info", "notice", "warning", "alert" }.Select((name, i) =>
            new CountRow(name, counts.FirstOrDefault(r => r.Label == i.ToString(System.Globalization.CultureInfo.InvariantCulture))?.Count ?? 0))];
    }

    public IReadOnlyList<string> Cameras() => [.. PhotosPerCamera().Select(r => r.Label).Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> Codes() => [.. Cached("codes", c =>
        c.Query<CountRow>("SELECT code AS Label, COUNT(*) AS Count FROM code GROUP BY code ORDER BY code").AsList()).Select(r => r.Label)];

    public IReadOnlyList<string> MediaTypes() => [.. Cached("media", c =>
        c.Query<CountRow>("SELECT media_type AS Label, COUNT(*) AS Count FROM item GROUP BY media_type ORDER BY media_type").AsList()).Select(r => r.Label)];

    private readonly Dictionary<string, (IReadOnlyList<CountRow> Rows, long At)> _cache = [];

    /// <summary>Aggregates over the whole archive are kept for 30 seconds: at a million items each is a full index scan.</summary>
    private IReadOnlyList<CountRow> Cached(string name, Func<Microsoft.Data.Sqlite.SqliteConnection, IReadOnlyList<CountRow>> query)
    {
        lock (_cache)
            if (_cache.TryGetValue(name, out var hit) && Environment.TickCount64 - hit.At < 30_000) return hit.Rows;
        CatchUp();
        using var c = Open();
        var rows = query(c);
        lock (_cache) _cache[name] = (rows, Environment.TickCount64);
        return rows;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
