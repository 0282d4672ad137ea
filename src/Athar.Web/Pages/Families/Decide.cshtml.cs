using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Web.Audit;
using Athar.Web.Cases;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Athar.Web.Pages.Families;

/// <summary>
/// An admin confirms or rejects a pending claim, with a reason. The ledger gets <c>identification-claim-decided</c>
/// with the decision and a salted digest of the reason (which may name people); the reason itself stays in claims.db.
/// </summary>
[Authorize(Policy = Policies.DecideClaims)]
public sealed class DecideClaimModel(ClaimStore claims, AuditRecorder audit, TimeProvider time) : PageModel
{
    public IdentificationClaim? Claim { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string claimId)
    {
        if ((Claim = claims.Find(claimId)) is null) return NotFound();
        await audit.RecordAsync(CustodyEventTypes.IdentificationClaimsViewed, Viewer.From(User).Actor, new JsonObject { ["case"] = Claim.CaseId, ["claim"] = Claim.Id },
            new JsonObject { ["claims"] = new JsonArray(Claim.Id) }, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string claimId, string? decision, string? reason)
    {
        if ((Claim = claims.Find(claimId)) is null) return NotFound();
        reason = reason?.Trim();
        if (decision is not (ClaimStatus.Confirmed or ClaimStatus.Rejected) || string.IsNullOrEmpty(reason) || reason.Length > 2000)
        {
            Error = "Choose confirm or reject and say why. Nothing was recorded.";
            return Page();
        }
        if (Claim.Status != ClaimStatus.Pending)
        {
            Error = $"This claim was already {Claim.Status}. Nothing was recorded.";
            return Page();
        }
        var viewer = Viewer.From(User);
        var (digest, salt) = ClaimStore.ReasonDigest(Claim.Id, decision, reason);
        await audit.RecordAsync(CustodyEventTypes.IdentificationClaimDecided, viewer.Actor, new JsonObject { ["case"] = Claim.CaseId, ["claim"] = Claim.Id },
            new JsonObject { ["decision"] = decision, ["reasonDigest"] = digest }, HttpContext.RequestAborted);
        if (!claims.Decide(Claim.Id, decision, reason, viewer.Name, time.GetUtcNow(), salt, digest))
        {
            Error = "The claim was decided by someone else meanwhile; your decision is in the ledger but not on file. Tell an admin.";
            return Page();
        }
        return Redirect(QueryHelpers.AddQueryString("/families/claims", "msg", $"Claim {Claim.Id} {decision}."));
    }
}
