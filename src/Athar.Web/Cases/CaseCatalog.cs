using System.Text.Json.Nodes;
using Athar.Cases.Grouping;
using Athar.Cases.Model;
using Athar.Storage;
using Athar.Storage.Catalog;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Athar.Web.Cases;

/// <summary>One case as the web pages show it: the catalog's row, its photos in shooting order, and when and with what it was shot.</summary>
public sealed record WebCase(VictimCase Case, string State, string? MergedInto, DateTime? FirstPhoto, DateTime? LastPhoto, string? Camera)
{
    public string Id => Case.Id;
}

/// <summary>Search criteria of the family search; null means any.</summary>
public sealed record CaseSearch(string? Detainee, string? Branch, DateOnly? From, DateOnly? To);

/// <summary>
/// Read-only queries over the catalog's cases, case_items and findings tables, on a read-only connection of the
/// web app's own (as <see cref="Catalog.WebCatalog"/>). Capture times and cameras come from each photo's
/// <c>exif.summary</c> finding, read with the grouping's own <see cref="PhotoFactsReader"/>.
/// </summary>
public sealed class CaseCatalog(IOptions<AtharWebOptions> options)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = new ArchiveLayout(options.Value.Archive).Catalog,
        Mode = SqliteOpenMode.ReadOnly,
    }.ToString();

    private const string Columns = ArchiveCatalog.CaseColumns;

    /// <summary>A case by id (any spelling <see cref="CaseId.Normalize"/> accepts), open or not; null if none.</summary>
    public WebCase? Case(string typed)
    {
        if (CaseId.Normalize(typed) is not { } id) return null;
        using var c = Open();
        var row = ArchiveCatalog.Case(c, id);
        return row is null ? null : Describe(c, [row]).Single();
    }

    /// <summary>Open cases in id order after <paramref name="afterId"/> ("" for the first), optionally only those not yet confirmed.</summary>
    public IReadOnlyList<WebCase> Page(string afterId, int limit, bool unconfirmedOnly = false)
    {
        using var c = Open();
        var rows = c.Query<CaseRow>($"""
            SELECT {Columns} FROM cases WHERE state = 'open' AND id > @afterId AND (@unconfirmedOnly = 0 OR status <> 'confirmed')
            ORDER BY id LIMIT @limit
            """, new { afterId, limit, unconfirmedOnly = unconfirmedOnly ? 1 : 0 }).AsList();
        return Describe(c, rows);
    }

    /// <summary>How many open cases there are, and how many of them wait for confirmation.</summary>
    public (long Open, long Unconfirmed) Counts()
    {
        using var c = Open();
        return c.QuerySingle<(long, long)>("SELECT COUNT(*), COALESCE(SUM(status <> 'confirmed'), 0) FROM cases WHERE state = 'open'");
    }

    /// <summary>
    /// Open cases whose detainee (or branch) number equals the one given, shot within the date range (by the first
    /// photo's capture date). Numbers are matched exactly, never by prefix, so a search does not list strangers.
    /// </summary>
    public IReadOnlyList<WebCase> Search(CaseSearch search, int limit)
    {
        using var c = Open();
        var rows = c.Query<CaseRow>($"""
            SELECT {Columns} FROM cases WHERE state = 'open'
              AND (@Detainee IS NULL OR detainee = @Detainee) AND (@Branch IS NULL OR branch = @Branch)
            ORDER BY id LIMIT 5000
            """, new { search.Detainee, search.Branch }).AsList();
        var found = Describe(c, rows).Where(w =>
            (search.From is null || (w.FirstPhoto is { } f && DateOnly.FromDateTime(f) >= search.From)) &&
            (search.To is null || (w.FirstPhoto is { } t && DateOnly.FromDateTime(t) <= search.To)));
        return found.Take(limit).ToList();
    }

    /// <summary>Every open case (for statistics and the export).</summary>
    public IReadOnlyList<WebCase> All()
    {
        using var c = Open();
        return Describe(c, ArchiveCatalog.OpenCases(c));
    }

    /// <summary>The data of an item's finding with this code (the first, if several), or null.</summary>
    public JsonObject? FindingData(string itemId, string code)
    {
        using var c = Open();
        var data = c.QueryFirstOrDefault<string>("SELECT data FROM findings WHERE item_id = @itemId AND code = @code ORDER BY id", new { itemId, code });
        return data is null ? null : JsonNode.Parse(data) as JsonObject;
    }

    /// <summary>The card reader's reading of an item, or null when it has none.</summary>
    public CardReading? Reading(string itemId) => FindingData(itemId, CardReading.FindingCode) is { } data ? CardReading.FromJson(data) : null;

    private static List<WebCase> Describe(SqliteConnection c, IReadOnlyList<CaseRow> rows)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var items = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var exif = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var (caseId, item) in c.Query<(string, string)>(
                "SELECT case_id, item_id FROM case_items WHERE case_id IN @chunk ORDER BY case_id, position", new { chunk }))
            {
                if (!items.TryGetValue(caseId, out var list)) items[caseId] = list = [];
                list.Add(item);
            }
            foreach (var (item, data) in c.Query<(string, string)>("""
                SELECT f.item_id, f.data FROM case_items ci JOIN findings f ON f.item_id = ci.item_id AND f.code = @code
                WHERE ci.case_id IN @chunk
                """, new { chunk, code = PhotoFactsReader.ExifSummary }))
                if (JsonNode.Parse(data) is JsonObject o) exif.TryAdd(item, o);
        }
        var result = new List<WebCase>(rows.Count);
        foreach (var row in rows)
        {
            var list = items.GetValueOrDefault(row.Id) ?? [];
            var times = list.Select(i => exif.GetValueOrDefault(i) is { } e ? PhotoFactsReader.TimeOf(e) : null).OfType<DateTime>().ToList();
            var camera = list.Select(i => exif.GetValueOrDefault(i)).OfType<JsonObject>().Select(CameraLabel).FirstOrDefault(l => l is not null);
            result.Add(new WebCase(ArchiveCaseStore.ToCase(row, list), row.State, row.MergedInto,
                times.Count > 0 ? times.Min() : null, times.Count > 0 ? times.Max() : null, camera));
        }
        return result;
    }

    /// <summary>"Make Model" of a photo's camera, without its serial (a serial can identify a source).</summary>
    public static string? CameraLabel(JsonObject exif)
    {
        var make = Athar.Core.Custody.JsonFields.Text(exif, "make")?.Trim();
        var model = Athar.Core.Custody.JsonFields.Text(exif, "model")?.Trim();
        if (string.IsNullOrEmpty(make) && string.IsNullOrEmpty(model)) return null;
        if (!string.IsNullOrEmpty(make) && model?.StartsWith(make, StringComparison.OrdinalIgnoreCase) == true) return model;
        return $"{make} {model}".Trim();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
