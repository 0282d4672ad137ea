using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Web.Audit;
using Athar.Web.Cases;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Athar.Web.Pages.Cases;

/// <summary>
/// One case: numbers and status, the card crop, its photos blurred (each opens the item page, where it can be
/// revealed), annotations with who and when, and for analysts the annotation and edit forms (posted to
/// <see cref="CaseEditModel"/>). Each view is recorded as <c>case-viewed</c> (page case) before anything is shown.
/// </summary>
[Authorize(Policy = Policies.Cases)]
public sealed class CaseModel(CaseCatalog cases, LedgerIndex ledger, AuditRecorder audit, CaseSigns signs) : PageModel
{
    [BindProperty(Name = "msg", SupportsGet = true)] public string? Message { get; set; }
    [BindProperty(SupportsGet = true)] public string? Error { get; set; }

    public WebCase? Current { get; private set; }
    public Viewer Viewer { get; private set; } = null!;
    public IReadOnlyList<CaseAnnotation> Annotations { get; private set; } = [];
    public IReadOnlyDictionary<string, FaceRegion> Faces { get; private set; } = new Dictionary<string, FaceRegion>();
    public IReadOnlyList<CaseSign> Signs => signs.All;
    public string? SignsSource => signs.Source;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Viewer = Viewer.From(User);
        if ((Current = cases.Case(id)) is null) return NotFound();
        await audit.RecordAsync(CustodyEventTypes.CaseViewed, Viewer.Actor, new JsonObject { ["case"] = Current.Id }, new JsonObject { ["page"] = "case" }, HttpContext.RequestAborted);
        Annotations = CaseAnnotations.For(ledger, Current.Id);
        Faces = CaseAnnotations.FaceRegions(Annotations);
        return Page();
    }
}
