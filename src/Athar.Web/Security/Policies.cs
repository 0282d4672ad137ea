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
    /// <summary>Victim-case list and case pages (photos blurred): everyone but family liaison, who use the family pages.</summary>
    public const string Cases = "cases";
    /// <summary>The transcription queue (confirming card numbers): admin and analyst.</summary>
    public const string Transcribe = "transcribe";
    /// <summary>Annotate cases, mark face regions, merge, split and move photos: admin and analyst.</summary>
    public const string EditCases = "edit-cases";
    /// <summary>Case statistics and the CSV export of cases: everyone but family liaison.</summary>
    public const string Statistics = "statistics";
    /// <summary>A case's rectified card crop (no body): every role.</summary>
    public const string CardCrop = "card-crop";
    /// <summary>Family search, a case's facts for a family, face-region reveals, recording identification claims: admin and family liaison.</summary>
    public const string Families = "families";
    /// <summary>Deciding identification claims (confirm or reject, with a reason): admin only.</summary>
    public const string DecideClaims = "decide-claims";
    /// <summary>Account administration (list, create, change role, lock and unlock): admin only.</summary>
    public const string Accounts = "accounts";

    public static readonly IReadOnlyDictionary<string, string[]> RolesFor = new Dictionary<string, string[]>
    {
        [Browse] = [.. Roles.All],
        [Provenance] = [Roles.Admin, Roles.Archivist, Roles.Analyst, Roles.Investigator],
        [Sources] = [Roles.Admin, Roles.Archivist],
        [DownloadOriginal] = [Roles.Admin, Roles.Archivist, Roles.Analyst, Roles.Investigator],
        [Audit] = [Roles.Admin],
        [Cases] = [Roles.Admin, Roles.Archivist, Roles.Analyst, Roles.Investigator],
        [Transcribe] = [Roles.Admin, Roles.Analyst],
        [EditCases] = [Roles.Admin, Roles.Analyst],
        [Statistics] = [Roles.Admin, Roles.Archivist, Roles.Analyst, Roles.Investigator],
        [CardCrop] = [.. Roles.All],
        [Families] = [Roles.Admin, Roles.FamilyLiaison],
        [DecideClaims] = [Roles.Admin],
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
