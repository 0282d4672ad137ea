using Dapper;

namespace Athar.Web.Catalog;

/// <summary>
/// The gallery's filters; null or blank means any. Dates are yyyy-MM-dd, inclusive; severity is the least severity.
/// <paramref name="Group"/> is a near-duplicate group id (catalog <c>near_duplicates.group_id</c>), <paramref name="Case"/>
/// a victim case id (catalog <c>case_items.case_id</c>).
/// </summary>
public sealed record GalleryFilter(string? Source = null, string? MediaType = null, string? Text = null, string? Camera = null,
    string? From = null, string? To = null, string? Code = null, int? Severity = null, string? Group = null, string? Case = null);

public sealed record CountRow(string Label, long Count);

/// <summary>Gallery pages and dashboard aggregates over the index.</summary>
public sealed partial class GalleryIndex
{
    /// <summary>
    /// One page of items after <paramref name="after"/> (a position from the previous page; 0 for the first), in
    /// catalog order. The query is driven by the index of the most selective filter present (near-duplicate group
    /// or case, a handful of items each, read from the catalog's own indexes; then text, finding code, source,
    /// camera, media type, in that order), read in item order from <c>after</c> on, so a page costs about the rows
    /// it returns; the other filters are checked per row. A filter that matches few items while a broader one
    /// drives the query makes SQLite read more rows: docs/web.md gives the measured cases. The index is read as it
    /// stands: call <see cref="EnsureCurrentAsync"/> (or <see cref="CatchUp"/>) first.
    /// </summary>
    public IReadOnlyList<GalleryRow> Page(GalleryFilter filter, long after, int limit)
    {
        using var c = Open();
        var p = new DynamicParameters(new { after, limit });
        var where = new List<string>();
        string from = "", key = "";
        var text = Blank(filter.Text)?.Trim();
        var code = Blank(filter.Code);
        long? sourceId = null;
        if (Blank(filter.Source) is { } label)
        {
            sourceId = c.ExecuteScalar<long?>("SELECT id FROM cat.sources WHERE label = @label", new { label });
            if (sourceId is null) return [];
            p.Add("sourceId", sourceId);
        }
        var group = Blank(filter.Group)?.Trim();
        var caseId = Blank(filter.Case)?.Trim();
        if (group is not null) p.Add("group", group);
        if (caseId is not null) p.Add("case", caseId);
        if (group is not null)
        {
            // A group has a few members: read them by the catalog's group index, then sort those few by rowid.
            from = "cat.near_duplicates n JOIN cat.items i ON i.id = n.item_id JOIN item g ON g.item_rowid = i.rowid";
            key = "i.rowid";
            where.Add("n.group_id = @group");
            if (caseId is not null) where.Add("EXISTS (SELECT 1 FROM cat.case_items ci WHERE ci.item_id = i.id AND ci.case_id = @case)");
        }
        else if (caseId is not null)
        {
            from = "cat.case_items ci JOIN cat.items i ON i.id = ci.item_id JOIN item g ON g.item_rowid = i.rowid";
            key = "i.rowid";
            where.Add("ci.case_id = @case");
        }
        else if (text is not null) { from = "text t JOIN item g ON g.item_rowid = t.rowid"; key = "t.rowid"; }
        if (text is not null)
        {
            // The text's own table drives the query, or (under a group or case) is probed per member.
            var t = from.StartsWith("text", StringComparison.Ordinal) ? "t" : "t2";
            var condition = text.Length >= 3 ? t + ".text MATCH @match" : t + ".body LIKE @like ESCAPE '\\'";
            where.Add(t == "t" ? condition : $"EXISTS (SELECT 1 FROM text t2 WHERE t2.rowid = g.item_rowid AND {condition})");
            if (text.Length >= 3) p.Add("match", "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            else p.Add("like", "%" + EscapeLike(text) + "%");
        }
        if (from.Length > 0) { }
        else if (code is not null) { from = "code k JOIN item g ON g.item_rowid = k.item_rowid"; key = "k.item_rowid"; }
        else if (sourceId is not null) { from = "source s JOIN item g ON g.item_rowid = s.item_rowid"; key = "s.item_rowid"; }
        else { from = "item g"; key = "g.item_rowid"; }
        // A date range with no stronger driver would scan every item before the range in keyset order: start at the
        // first item taken in the range instead (FirstTakenIn).
        if (from == "item g" && (Blank(filter.From) is not null || Blank(filter.To) is not null))
        {
            var first = FirstTakenIn(c, Blank(filter.From) ?? "", Blank(filter.To) ?? "9999");
            if (first is null) return [];
            after = Math.Max(after, first.Value - 1);
            p.Add("after", after);
        }
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

    /// <summary>
    /// The least item rowid taken on a day in [<paramref name="low"/>, <paramref name="high"/>], or null. It is the
    /// least of each day's first item, and each day's first is one probe of the (taken, item_rowid) index, so the
    /// range costs a probe per day in it (a few hundred), not a read of every item in it: MIN over the range read
    /// 370,000 index entries at a million items (46 ms alone, 175 ms p50 under load; docs/benchmarks.md).
    /// </summary>
    internal static long? FirstTakenIn(System.Data.IDbConnection c, string low, string high) => c.ExecuteScalar<long?>("""
        WITH RECURSIVE day(taken, first) AS (
          SELECT * FROM (SELECT taken, item_rowid FROM item WHERE taken >= @low AND taken <= @high ORDER BY taken, item_rowid LIMIT 1)
          UNION ALL
          SELECT i.taken, i.item_rowid FROM day JOIN item i ON i.item_rowid = (
            SELECT j.item_rowid FROM item j WHERE j.taken > day.taken AND j.taken <= @high ORDER BY j.taken, j.item_rowid LIMIT 1))
        SELECT MIN(first) FROM day
        """, new { low, high });

    public Task<IReadOnlyList<CountRow>> PhotosPerMonthAsync() => CachedAsync("month", c =>
        c.Query<CountRow>("SELECT month AS Label, COUNT(*) AS Count FROM item WHERE month IS NOT NULL GROUP BY month ORDER BY month").AsList());

    public Task<IReadOnlyList<CountRow>> PhotosPerCameraAsync() => CachedAsync("camera", c =>
        c.Query<CountRow>("SELECT camera AS Label, COUNT(*) AS Count FROM item WHERE camera IS NOT NULL GROUP BY camera ORDER BY COUNT(*) DESC, camera").AsList());

    /// <summary>Findings per severity, info to alert (a scan of the catalog's findings, hence cached).</summary>
    public async Task<IReadOnlyList<CountRow>> FindingsBySeverityAsync()
    {
        var counts = await CachedAsync("severity", c => c.Query<CountRow>("SELECT CAST(severity AS TEXT) AS Label, COUNT(*) AS Count FROM cat.findings GROUP BY severity").AsList()).ConfigureAwait(false);
        return [.. new[] { "info", "notice", "warning", "alert" }.Select((name, i) =>
            new CountRow(name, counts.FirstOrDefault(r => r.Label == i.ToString(System.Globalization.CultureInfo.InvariantCulture))?.Count ?? 0))];
    }

    public async Task<IReadOnlyList<string>> CamerasAsync() => [.. (await PhotosPerCameraAsync().ConfigureAwait(false)).Select(r => r.Label).Order(StringComparer.Ordinal)];

    public async Task<IReadOnlyList<string>> CodesAsync() => [.. (await CachedAsync("codes", c =>
        c.Query<CountRow>("SELECT code AS Label, COUNT(*) AS Count FROM code GROUP BY code ORDER BY code").AsList()).ConfigureAwait(false)).Select(r => r.Label)];

    public async Task<IReadOnlyList<string>> MediaTypesAsync() => [.. (await CachedAsync("media", c =>
        c.Query<CountRow>("SELECT media_type AS Label, COUNT(*) AS Count FROM item GROUP BY media_type ORDER BY media_type").AsList()).ConfigureAwait(false)).Select(r => r.Label)];

    private readonly Dictionary<string, (Task<IReadOnlyList<CountRow>> Rows, long At)> _cache = [];
    private readonly HashSet<string> _refreshing = [];

    /// <summary>
    /// Aggregates over the whole archive are kept for 30 seconds: at a million items each is a full index scan.
    /// The first computation is one shared task that every request awaits (no request thread blocks on it); an
    /// expired value is still served while one background task refreshes it, so that concurrent requests never all
    /// rescan at once (measured: eight at once stalled every page for about 40 s on 2 busy cores).
    /// </summary>
    private async Task<IReadOnlyList<CountRow>> CachedAsync(string name, Func<Microsoft.Data.Sqlite.SqliteConnection, IReadOnlyList<CountRow>> query)
    {
        await EnsureCurrentAsync().ConfigureAwait(false);
        Task<IReadOnlyList<CountRow>> rows;
        lock (_cache)
        {
            var now = Environment.TickCount64;
            if (_cache.TryGetValue(name, out var hit) && !hit.Rows.IsFaulted && !hit.Rows.IsCanceled)
            {
                if (hit.Rows.IsCompletedSuccessfully && now - hit.At >= 30_000 && _refreshing.Add(name))
                    _ = Task.Run(() =>
                    {
                        try
                        {
                            var fresh = Compute(query);
                            lock (_cache) _cache[name] = (Task.FromResult(fresh), Environment.TickCount64);
                        }
                        catch (Exception) { } // the old value stays; the next expiry tries again
                        finally { lock (_cache) _refreshing.Remove(name); }
                    });
                rows = hit.Rows;
            }
            else
            {
                rows = Task.Run(() => Compute(query));
                _cache[name] = (rows, now);
            }
        }
        return await rows.ConfigureAwait(false);
    }

    private IReadOnlyList<CountRow> Compute(Func<Microsoft.Data.Sqlite.SqliteConnection, IReadOnlyList<CountRow>> query)
    {
        using var c = Open();
        return query(c);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
