using System.Net;
using Athar.Web.Cases;
using Microsoft.Extensions.Options;

namespace Athar.Web.Tests.Cases;

/// <summary>
/// The case and family endpoints that need a case or a claim, against each role and a stranger, on the case archive
/// (the rest are rows of Security/AuthorizationMatrixTests). Written by hand from docs/roles.md.
/// </summary>
[Collection(CaseArchiveCollection.Name)]
public sealed class CaseAuthorizationMatrixTests(CaseArchiveFixture fixture)
{
    // Columns: anonymous, admin, archivist, analyst, investigator, family-liaison. Y allowed, N refused.
    private static readonly (string Method, string Path, string Expect)[] Matrix =
    [
        ("GET", "/cases/{case}", "NYYYYN"),
        ("GET", "/cases/{case}/card", "NYYYYY"),
        ("GET", "/cases/queue?case={case}", "NYNYNN"),
        ("POST", "/cases/{case}/edit?handler=Note", "NYNYNN"),
        ("GET", "/families?detainee={detainee}", "NYNNNY"),
        ("GET", "/families/cases/{case}", "NYNNNY"),
        ("GET", "/families/cases/{case}/reveal/1", "NYNNNY"),
        ("POST", "/families/cases/{case}?handler=Claim", "NYNNNY"),
        ("GET", "/families/claims/{claim}/decide", "NYNNNN"),
    ];

    private static readonly string?[] Who = [null, "admin", "archivist", "analyst", "investigator", "family-liaison"];

    public static TheoryData<int> Columns() => [0, 1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task Each_case_endpoint_allows_exactly_the_roles_in_the_table(int column)
    {
        var role = Who[column];
        var catalog = new CaseCatalog(Options.Create(new AtharWebOptions { Archive = fixture.Archive }));
        var c = catalog.All()[0];
        // A face region on photo 1 so the reveal page exists, and a claim so the decide page does.
        using (var analyst = await fixture.SignedIn(CaseArchiveFixture.AccountFor("analyst")))
            await CaseTestSupport.Post(analyst, "/cases/" + c.Id, $"/cases/{c.Id}/edit?handler=Face", new() { ["photo"] = "1", ["left"] = "0", ["top"] = "0", ["width"] = "20", ["height"] = "20" });
        var claim = new ClaimStore(Options.Create(new AtharWebOptions { Archive = fixture.Archive }));
        var (draft, salt) = ClaimStore.Draft(c.Id, "someone", "brother", "none", null, "nobody", DateTimeOffset.UtcNow);
        claim.Save(draft, salt);

        using var client = role is null ? fixture.Client() : await fixture.SignedIn(fixture.NewAccount(role));
        var failures = new List<string>();
        foreach (var (method, template, expect) in Matrix)
        {
            var path = template.Replace("{case}", c.Id, StringComparison.Ordinal).Replace("{detainee}", c.Case.Numbers.Detainee.Value, StringComparison.Ordinal)
                .Replace("{claim}", draft.Id, StringComparison.Ordinal);
            HttpResponseMessage response;
            if (method == "POST")
            {
                var form = new Dictionary<string, string> { ["text"] = "matrix note", ["claimant"] = "x", ["relationship"] = "y", ["contact"] = "z" };
                // Any page with a form gives a valid token for this person's session.
                if (role is not null) form["__RequestVerificationToken"] = await WebAppFixture.AntiforgeryToken(client, "/settings");
                response = await client.PostAsync(path, new FormUrlEncodedContent(form));
            }
            else
            {
                response = await client.GetAsync(path);
            }
            var location = response.Headers.Location?.OriginalString;
            // A post that succeeds redirects back to its page; a refusal redirects to the sign-in or access-denied page.
            var refused = response.StatusCode == HttpStatusCode.Redirect && location is not null
                && (role is null ? location.Contains("/login", StringComparison.Ordinal) : location.Contains("/denied", StringComparison.Ordinal));
            var allowed = response.StatusCode == HttpStatusCode.OK || (method == "POST" && response.StatusCode == HttpStatusCode.Redirect && !refused);
            var want = expect[column] == 'Y';
            if (want ? !allowed : !refused)
                failures.Add($"{method} {template} as {role ?? "anonymous"}: expected {(want ? "allowed" : "refused")}, got {(int)response.StatusCode} {location}");
        }
        Assert.Empty(failures);
    }
}
