using System.Security.Claims;
using Athar.Web.Accounts;

namespace Athar.Web.Security;

/// <summary>The signed-in person as the pages and endpoints need them.</summary>
public sealed record Viewer(string Name, string Role)
{
    public string Actor => Audit.AuditRecorder.ActorFor(Name);

    public bool May(string policy) => Policies.Allows(policy, Role);

    public static Viewer From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? throw new InvalidOperationException("no signed-in user"),
        user.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("the signed-in user has no role"));

    public ViewingSettings Settings(AccountStore accounts) =>
        (accounts.Find(Name)?.Settings ?? ViewingSettings.Default).EffectiveFor(Role);
}
