using System.Net;

namespace Athar.Web.Tests.Security;

/// <summary>
/// Each endpoint against each role and a stranger. The expected table is written out here by hand (from
/// docs/roles.md), not derived from the code's policies, so that a change to a policy must change this table.
/// </summary>
public sealed class AuthorizationMatrixTests(WebAppFixture fixture)
{
    // Columns: anonymous, admin, archivist, analyst, investigator, family-liaison. Y allowed, N refused.
    private static readonly (string Method, string Path, string Expect)[] Matrix =
    [
        ("GET", "/", "NYYYYY"),
        ("GET", "/gallery", "NYYYYY"),
        ("GET", "/gallery?source=drive-01&q=DCIM", "NYYYYY"),
        ("GET", "/items/{id}", "NYYYYY"),
        ("GET", "/items/{id}/thumb", "NYYYYY"),
        ("GET", "/items/{id}/preview", "NYYYYY"),
        ("POST", "/items/{id}?handler=Reveal", "NYYYYY"),
        ("GET", "/items/{id}/original", "NYYYYN"),
        ("GET", "/items/{id}/proof", "NYYYYN"),
        ("GET", "/sources", "NYYNNN"),
        ("GET", "/audit", "NYNNNN"),
        ("GET", "/cases", "NYYYYN"),
        ("GET", "/cases/queue", "NYNYNN"),
        ("GET", "/cases/statistics", "NYYYYN"),
        ("GET", "/cases/export.csv", "NYYYYN"),
        ("GET", "/families", "NYNNNY"),
        ("GET", "/families/claims", "NYNNNY"),
        ("GET", "/admin/accounts", "NYNNNN"),
        ("GET", "/settings", "NYYYYY"),
        ("GET", "/logout", "NYYYYY"),
        ("GET", "/login", "YYYYYY"),
        ("GET", "/assets/site.css", "YYYYYY"),
    ];

    private static readonly string?[] Who = [null, "admin", "archivist", "analyst", "investigator", "family-liaison"];

    public static TheoryData<int> Columns() => [0, 1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task Each_endpoint_allows_exactly_the_roles_in_the_table(int column)
    {
        var role = Who[column];
        using var client = role is null ? fixture.Client() : await fixture.SignedIn(WebAppFixture.AccountFor[role]);
        var id = fixture.DetailedJpegId;
        var failures = new List<string>();
        foreach (var (method, template, expect) in Matrix)
        {
            var path = template.Replace("{id}", id, StringComparison.Ordinal);
            var form = new Dictionary<string, string>();
            if (method == "POST" && role is not null) form["__RequestVerificationToken"] = await WebAppFixture.AntiforgeryToken(client, "/items/" + id);
            // An audited action answers 503 while another test holds the archive's ledger writer (docs/web.md): that
            // says nothing about authorization, so such a request is simply tried again.
            HttpResponseMessage response;
            for (var attempt = 1; ; attempt++)
            {
                response = method == "POST" ? await client.PostAsync(path, new FormUrlEncodedContent(form)) : await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 20) break;
                await Task.Delay(250);
            }
            var allowed = response.StatusCode == HttpStatusCode.OK;
            var refused = response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location?.OriginalString is { } location
                && (role is null ? location.Contains("/login", StringComparison.Ordinal) : location.Contains("/denied", StringComparison.Ordinal));
            var want = expect[column] == 'Y';
            if (want ? !allowed : !refused)
                failures.Add($"{method} {template} as {role ?? "anonymous"}: expected {(want ? "allowed" : "refused")}, got {(int)response.StatusCode} {response.Headers.Location}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Family_liaison_sees_no_provenance_on_the_item_page()
    {
        using var family = await fixture.SignedIn(WebAppFixture.AccountFor["family-liaison"]);
        var html = await family.GetStringAsync("/items/" + fixture.DetailedJpegId);
        Assert.DoesNotContain("drive-01", html, StringComparison.Ordinal);
        Assert.DoesNotContain("DCIM", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/original", html, StringComparison.Ordinal);
        using var archivist = await fixture.SignedIn(WebAppFixture.AccountFor["archivist"]);
        html = await archivist.GetStringAsync("/items/" + fixture.DetailedJpegId);
        Assert.Contains("DCIM/detail.jpg", html, StringComparison.Ordinal);
        Assert.Contains("custodian A", html, StringComparison.Ordinal);
    }
}
