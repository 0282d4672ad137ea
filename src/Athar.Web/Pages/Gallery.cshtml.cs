using Athar.Web.Accounts;
using Athar.Web.Catalog;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Athar.Web.Pages;

/// <summary>Paged thumbnails with filters (source and path text only for roles that may see provenance).</summary>
[Authorize(Policy = Policies.Browse)]
public sealed class GalleryModel(WebCatalog catalog, AccountStore accounts) : PageModel
{
    public const int PageSize = 60;

    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public long After { get; set; }

    public Viewer Viewer { get; private set; } = null!;
    public ViewingSettings Settings { get; private set; } = ViewingSettings.Default;
    public IReadOnlyList<string> SourceLabels { get; private set; } = [];
    public IReadOnlyList<string> MediaTypes { get; private set; } = [];
    public IReadOnlyList<GalleryRow> Rows { get; private set; } = [];
    public string? Next { get; private set; }

    public void OnGet()
    {
        Viewer = Viewer.From(User);
        Settings = Viewer.Settings(accounts);
        if (!Viewer.May(Policies.Provenance)) { Source = null; Q = null; }
        SourceLabels = Viewer.May(Policies.Provenance) ? catalog.SourceLabels() : [];
        MediaTypes = catalog.MediaTypes();
        var rows = catalog.Gallery(new GalleryFilter(Source, Type, Q), Math.Max(0, After), PageSize + 1);
        Rows = rows.Take(PageSize).ToList();
        if (rows.Count > PageSize)
        {
            var query = new Dictionary<string, string?> { ["after"] = Rows[^1].Position.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (!string.IsNullOrEmpty(Source)) query["source"] = Source;
            if (!string.IsNullOrEmpty(Type)) query["type"] = Type;
            if (!string.IsNullOrEmpty(Q)) query["q"] = Q;
            Next = QueryHelpers.AddQueryString("/gallery", query);
        }
    }
}
