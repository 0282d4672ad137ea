using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Web.Accounts;
using Athar.Web.Audit;
using Athar.Web.Cases;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Athar.Web.Pages.Families;

/// <summary>
/// A case as a family liaison sees it: the card and the facts, no photograph, links to reveal marked face regions one
/// at a time, the claims on it that this person may read, and the form that records a claim. A view is recorded as
/// <c>case-viewed</c> (page family); a claim as <c>identification-claim-recorded</c> with its salted digest only.
/// </summary>
[Authorize(Policy = Policies.Families)]
public sealed class FamilyCaseModel(CaseCatalog cases, LedgerIndex ledger, AuditRecorder audit, ClaimStore claims, TimeProvider time) : PageModel
{
    [BindProperty(Name = "msg", SupportsGet = true)] public string? Message { get; set; }

    public WebCase? Current { get; private set; }
    public IReadOnlyDictionary<string, FaceRegion> Faces { get; private set; } = new Dictionary<string, FaceRegion>();
    public IReadOnlyList<IdentificationClaim> Claims { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var viewer = Viewer.From(User);
        if ((Current = cases.Case(id)) is not { State: "open" }) return NotFound();
        await audit.RecordAsync(CustodyEventTypes.CaseViewed, viewer.Actor, new JsonObject { ["case"] = Current.Id }, new JsonObject { ["page"] = "family" }, HttpContext.RequestAborted);
        Fill(viewer);
        if (Claims.Count > 0)
            await audit.RecordAsync(CustodyEventTypes.IdentificationClaimsViewed, viewer.Actor, new JsonObject { ["case"] = Current.Id },
                new JsonObject { ["claims"] = new JsonArray([.. Claims.Select(k => (JsonNode)k.Id)]) }, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostClaimAsync(string id, string? claimant, string? relationship, string? contact, string? note)
    {
        var viewer = Viewer.From(User);
        if ((Current = cases.Case(id)) is not { State: "open" }) return NotFound();
        claimant = claimant?.Trim();
        relationship = relationship?.Trim();
        contact = contact?.Trim();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (string.IsNullOrEmpty(claimant) || string.IsNullOrEmpty(relationship) || string.IsNullOrEmpty(contact)
            || claimant.Length > 200 || relationship.Length > 100 || contact.Length > 300 || note?.Length > 2000)
        {
            Error = "A claim needs the claimant's name, the relationship and a contact (within the lengths the form allows). Nothing was recorded.";
            Fill(viewer);
            return Page();
        }
        var (claim, salt) = ClaimStore.Draft(Current.Id, claimant, relationship, contact, note, viewer.Name, time.GetUtcNow());
        // The ledger first: a claim that could not be recorded there is not kept either.
        await audit.RecordAsync(CustodyEventTypes.IdentificationClaimRecorded, viewer.Actor, new JsonObject { ["case"] = Current.Id, ["claim"] = claim.Id },
            new JsonObject { ["digest"] = claim.Digest, ["digestAlgorithm"] = "sha256(salt32 || canonical-json)", ["status"] = ClaimStatus.Pending }, HttpContext.RequestAborted);
        claims.Save(claim, salt);
        return Redirect(QueryHelpers.AddQueryString("/families/cases/" + Current.Id, "msg", $"Claim {claim.Id} recorded; it is pending until an admin decides it."));
    }

    private void Fill(Viewer viewer)
    {
        Faces = CaseAnnotations.FaceRegions(CaseAnnotations.For(ledger, Current!.Id));
        Claims = claims.List(viewer.Name, viewer.Role == Roles.Admin, Current.Id);
    }
}
