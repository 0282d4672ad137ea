using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Web.Audit;
using Athar.Web.Cases;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Athar.Web.Pages.Families;

/// <summary>
/// Reveals the marked face region of one photo of one case: GET shows only the warning and a confirmation; the POST,
/// with the confirmation ticked, records <c>face-region-revealed</c> and grants a one-time, two-minute permission to
/// fetch that one crop (<see cref="CaseEndpoints.FaceGrant"/>, redeemable nowhere else). Nothing else of the photo is
/// ever sent.
/// </summary>
[Authorize(Policy = Policies.Families)]
public sealed class FaceRevealModel(CaseCatalog cases, LedgerIndex ledger, AuditRecorder audit, RevealGrants grants) : PageModel
{
    public WebCase? Current { get; private set; }
    public int Photo { get; private set; }
    public string? Token { get; private set; }
    public string? Error { get; private set; }

    public IActionResult OnGet(string id, int photo) => Load(id, photo) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string id, int photo, bool understood)
    {
        if (Load(id, photo) is not var (item, region)) return NotFound();
        if (!understood)
        {
            Error = "Tick the box to confirm that you have read the warning. Nothing was shown.";
            return Page();
        }
        var viewer = Viewer.From(User);
        await audit.RecordAsync(CustodyEventTypes.FaceRegionRevealed, viewer.Actor, new JsonObject { ["case"] = Current!.Id, ["item"] = item },
            new JsonObject { ["photo"] = photo, ["region"] = region.ToJson() }, HttpContext.RequestAborted);
        Token = grants.Grant(viewer.Name, CaseEndpoints.FaceGrant(Current.Id, item));
        return Page();
    }

    private (string Item, FaceRegion Region)? Load(string id, int photo)
    {
        Photo = photo;
        if ((Current = cases.Case(id)) is not { State: "open" } c || photo < 1 || photo > c.Case.Items.Count) return null;
        var item = c.Case.Items[photo - 1];
        return CaseAnnotations.FaceRegions(CaseAnnotations.For(ledger, c.Id)).GetValueOrDefault(item) is { } region ? (item, region) : null;
    }
}
