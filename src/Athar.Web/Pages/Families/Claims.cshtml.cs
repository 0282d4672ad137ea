using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Web.Accounts;
using Athar.Web.Audit;
using Athar.Web.Cases;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Athar.Web.Pages.Families;

/// <summary>The claims this person may read (admins: all; a liaison: their own), recorded as <c>identification-claims-viewed</c>.</summary>
[Authorize(Policy = Policies.Families)]
public sealed class ClaimsModel(ClaimStore claims, AuditRecorder audit) : PageModel
{
    [BindProperty(Name = "msg", SupportsGet = true)] public string? Message { get; set; }

    public bool IsAdmin { get; private set; }
    public IReadOnlyList<IdentificationClaim> Claims { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var viewer = Viewer.From(User);
        IsAdmin = viewer.Role == Roles.Admin;
        Claims = claims.List(viewer.Name, IsAdmin);
        await audit.RecordAsync(CustodyEventTypes.IdentificationClaimsViewed, viewer.Actor, new JsonObject { ["claims"] = "list" },
            new JsonObject { ["claims"] = new JsonArray([.. Claims.Select(k => (JsonNode)k.Id)]) }, HttpContext.RequestAborted);
    }
}
