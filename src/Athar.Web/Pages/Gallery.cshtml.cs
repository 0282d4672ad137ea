using Athar.Web.Accounts;
using Athar.Web.Catalog;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Athar.Web.Pages;

/// <summary>
/// Paged thumbnails with filters. Media type and date taken for everyone; source, camera, finding code and
/// severity, and text over paths and notes only for the roles that may see provenance (docs/roles.md).
/// </summary>
[Authorize(Policy = Policies.Browse)]
public sealed class GalleryModel(WebCatalog catalog, GalleryIndex index, AccountStore accounts) : PageModel
{
    public const int PageSize = 60;

    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Camera { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public int? Severity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Group { get; set; }
    [BindProperty(SupportsGet = true)] public string? Case { get; set; }
    [BindProperty(SupportsGet = true)] public long After { get; set; }

    public Viewer Viewer { get; private set; } = null!;
    public ViewingSettings Settings { get; private set; } = ViewingSettings.Default;
    public IReadOnlyList<string> SourceLabels { get; private set; } = [];
    public IReadOnlyList<string> MediaTypes { get; private set; } = [];
    public IReadOnlyList<string> Cameras { get; private set; } = [];
    public IReadOnlyList<string> Codes { get; private set; } = [];
    public IReadOnlyList<GalleryRow> Rows { get; private set; } = [];
    public string? Next { get; private set; }

    /// <summary>
    /// Async so that no request thread waits on the index's catch-up or on the first computation of its lists
    /// (docs/benchmarks.md, "Review web app at a million items"); the page's own queries are a few ms each.
    /// </summary>
    public async Task OnGetAsync()
    {
        Viewer = Viewer.From(User);
        Settings = Viewer.Settings(accounts);
        var provenance = Viewer.May(Policies.Provenance);
        if (!provenance) { Source = null; Q = null; Camera = null; Code = null; Severity = null; Group = null; }
        if (!Viewer.May(Policies.Cases)) Case = null;
        else if (!string.IsNullOrWhiteSpace(Case)) Case = Athar.Cases.Model.CaseId.Normalize(Case.Trim()) ?? Case.Trim();
        From = Date(From);
        To = Date(To);
        if (Severity is < 0 or > 3) Severity = null;
        SourceLabels = provenance ? catalog.SourceLabels() : [];
        await index.EnsureCurrentAsync(HttpContext.RequestAborted);
        Cameras = provenance ? await index.CamerasAsync() : [];
        Codes = provenance ? await index.CodesAsync() : [];
        MediaTypes = await index.MediaTypesAsync();
        var rows = index.Page(new GalleryFilter(Source, Type, Q, Camera, From, To, Code, Severity, Group, Case), Math.Max(0, After), PageSize + 1);
        Rows = rows.Take(PageSize).ToList();
        if (rows.Count > PageSize)
        {
            var query = new Dictionary<string, string?> { ["after"] = Rows[^1].Position.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (!string.IsNullOrEmpty(Source)) query["source"] = Source;
            if (!string.IsNullOrEmpty(Type)) query["type"] = Type;
            if (!string.IsNullOrEmpty(Q)) query["q"] = Q;
            if (!string.IsNullOrEmpty(Camera)) query["camera"] = Camera;
            if (!string.IsNullOrEmpty(From)) query["from"] = From;
            if (!string.IsNullOrEmpty(To)) query["to"] = To;
            if (!string.IsNullOrEmpty(Code)) query["code"] = Code;
            if (!string.IsNullOrEmpty(Group)) query["group"] = Group;
            if (!string.IsNullOrEmpty(Case)) query["case"] = Case;
            if (Severity is { } severity) query["severity"] = severity.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Next = QueryHelpers.AddQueryString("/gallery", query);
        }
    }

    /// <summary>A yyyy-MM-dd date as typed (an HTML date input sends that form), or null.</summary>
    private static string? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
}
