using Athar.Web.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Athar.Web.Security;

/// <summary>
/// The authorization policies (docs/roles.md). Every endpoint names one of these or is [AllowAnonymous]; the
/// fallback policy (signed in) covers anything that forgets, and a test fails on any that forgets.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in person: settings, sign-out, the access-denied page.</summary>
    public const string SignedIn = "signed-in";
    /// <summary>Dashboard, gallery, item pages, thumbnails, previews and reveals: every role.</summary>
    public const string Browse = "browse";
    /// <summary>Where copies came from (source labels and paths): everyone but family liaison.</summary>
    public const string Provenance = "provenance";
    /// <summary>Sources with their custodians: admin and archivist (custodians must stay protected).</summary>
    public const string Sources = "sources";
    /// <summary>Download an original: admin, archivist, analyst, investigator.</summary>
    public const string DownloadOriginal = "download-original";
    /// <summary>The audit trail of views, reveals, downloads and logins: admin only.</summary>
    public const string Audit = "audit";
    /// <summary>Account administration (list, create, change role, lock and unlock): admin only.</summary>
    public const string Accounts = "accounts";

    public static readonly IReadOnlyDictionary<string, string[]> RolesFor = new Dictionary<string, string[]>
    {
        [Browse] = [.. Roles.All],
        [Provenance] = [Roles.Admin, Roles.Archivist, Roles.Analyst, Roles.Investigator],
        [Sources] = [Roles.Admin, Roles.Archivist],
        [DownloadOriginal] = [Roles.Admin, Roles.Archivist, Roles.Analyst, Roles.Investigator],
        [Audit] = [Roles.Admin],
        [Accounts] = [Roles.Admin],
    };

    public static void Add(AuthorizationOptions options)
    {
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.FallbackPolicy = signedIn;
        options.DefaultPolicy = signedIn;
        options.AddPolicy(SignedIn, signedIn);
        foreach (var (name, roles) in RolesFor)
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
    }

    public static bool Allows(string policy, string role) => policy == SignedIn || RolesFor[policy].Contains(role, StringComparer.Ordinal);
}
