using Athar.Web.Cases;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Athar.Web.Pages.Cases;

/// <summary>Open cases in id order, 100 a page, optionally only those not yet confirmed.</summary>
[Authorize(Policy = Policies.Cases)]
public sealed class CasesIndexModel(CaseCatalog cases) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public bool Unconfirmed { get; set; }

    public Viewer Viewer { get; private set; } = null!;
    public (long Open, long Unconfirmed) Counts { get; private set; }
    public IReadOnlyList<WebCase> Rows { get; private set; } = [];
    public string? Next { get; private set; }

    public void OnGet()
    {
        Viewer = Viewer.From(User);
        Counts = cases.Counts();
        var rows = cases.Page(Athar.Cases.Model.CaseId.Normalize(After ?? "") ?? "", PageSize + 1, Unconfirmed);
        Rows = rows.Take(PageSize).ToList();
        if (rows.Count > PageSize)
        {
            var query = new Dictionary<string, string?> { ["after"] = Rows[^1].Id };
            if (Unconfirmed) query["unconfirmed"] = "true";
            Next = QueryHelpers.AddQueryString("/cases", query);
        }
    }
}
