using System.Net;
using Athar.Core.Custody;
using Athar.Web.Accounts;

namespace Athar.Web.Tests.Pages.Admin;

/// <summary>The admin's account page: each change happens, is refused to other roles, and is in the ledger.</summary>
public sealed class AccountsTests(WebAppFixture fixture)
{
    private static async Task<HttpResponseMessage> Post(HttpClient client, string handler, Dictionary<string, string> form, string tokenPage = "/admin/accounts")
    {
        form["__RequestVerificationToken"] = await WebAppFixture.AntiforgeryToken(client, tokenPage);
        return await client.PostAsync("/admin/accounts?handler=" + handler, new FormUrlEncodedContent(form));
    }

    private async Task<string> AuditFor(string account, string type)
    {
        using var admin = await fixture.SignedIn(WebAppFixture.AccountFor["admin"]);
        return await admin.GetStringAsync($"/audit?type={type}&actor=web:{WebAppFixture.AccountFor["admin"]}") is var html && html.Contains(account, StringComparison.Ordinal)
            ? html : throw new Xunit.Sdk.XunitException($"no {type} event for {account} on the audit page");
    }

    [Fact]
    public async Task An_admin_creates_an_account_and_the_creation_is_audited()
    {
        using var admin = await fixture.SignedIn(WebAppFixture.AccountFor["admin"]);
        var name = "w" + Guid.NewGuid().ToString("N")[..10];
        var response = await Post(admin, "Create", new() { ["Name"] = name, ["Role"] = Roles.Investigator, ["Password"] = WebAppFixture.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Roles.Investigator, fixture.Accounts.Find(name)?.Role);
        await AuditFor(name, CustodyEventTypes.AccountCreated);
        using var created = await fixture.SignedIn(name);
        Assert.Equal(HttpStatusCode.OK, (await created.GetAsync("/gallery")).StatusCode);

        var again = await Post(admin, "Create", new() { ["Name"] = name, ["Role"] = Roles.Analyst, ["Password"] = WebAppFixture.Password });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var shortPassword = await Post(admin, "Create", new() { ["Name"] = name + "x", ["Role"] = Roles.Analyst, ["Password"] = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Null(fixture.Accounts.Find(name + "x"));
    }

    [Fact]
    public async Task A_role_change_takes_effect_at_the_next_request_and_is_audited()
    {
        var name = fixture.NewAccount(Roles.Analyst);
        using var user = await fixture.SignedIn(name);
        using var admin = await fixture.SignedIn(WebAppFixture.AccountFor["admin"]);
        Assert.Equal(HttpStatusCode.OK, (await Post(admin, "Role", new() { ["Name"] = name, ["Role"] = Roles.FamilyLiaison })).StatusCode);
        Assert.Equal(Roles.FamilyLiaison, fixture.Accounts.Find(name)!.Role);
        var html = await AuditFor(name, CustodyEventTypes.AccountChanged);
        Assert.Contains("family-liaison", html, StringComparison.Ordinal);
        var next = await user.GetAsync("/gallery");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/login", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_account_cannot_sign_in_until_unlocked_and_its_session_ends()
    {
        var name = fixture.NewAccount(Roles.Investigator);
        using var user = await fixture.SignedIn(name);
        using var admin = await fixture.SignedIn(WebAppFixture.AccountFor["admin"]);
        Assert.Equal(HttpStatusCode.OK, (await Post(admin, "Lock", new() { ["Name"] = name })).StatusCode);
        Assert.True(fixture.Accounts.Find(name)!.LockedByAdmin);
        Assert.Equal(HttpStatusCode.Redirect, (await user.GetAsync("/gallery")).StatusCode);
        using (var again = fixture.Client())
            Assert.Equal(HttpStatusCode.Unauthorized, (await WebAppFixture.Login(again, name, WebAppFixture.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(admin, "Unlock", new() { ["Name"] = name })).StatusCode);
        using var back = await fixture.SignedIn(name);
        var html = await AuditFor(name, CustodyEventTypes.AccountChanged);
        Assert.Contains("locked", html, StringComparison.Ordinal);
        Assert.Contains("unlocked", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_cannot_change_or_lock_their_own_account_here()
    {
        var name = fixture.NewAccount(Roles.Admin);
        using var admin = await fixture.SignedIn(name);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(admin, "Role", new() { ["Name"] = name, ["Role"] = Roles.Analyst })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(admin, "Lock", new() { ["Name"] = name })).StatusCode);
        Assert.Equal(Roles.Admin, fixture.Accounts.Find(name)!.Role);
        Assert.False(fixture.Accounts.Find(name)!.LockedByAdmin);
    }

    public static TheoryData<string> NonAdmins() => [Roles.Archivist, Roles.Analyst, Roles.Investigator, Roles.FamilyLiaison];

    [Theory]
    [MemberData(nameof(NonAdmins))]
    public async Task Other_roles_are_refused_every_change(string role)
    {
        var target = fixture.NewAccount(Roles.Analyst);
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor[role]);
        foreach (var (handler, form) in new (string, Dictionary<string, string>)[]
        {
            ("Create", new() { ["Name"] = target + "n", ["Role"] = Roles.Admin, ["Password"] = WebAppFixture.Password }),
            ("Role", new() { ["Name"] = target, ["Role"] = Roles.Admin }),
            ("Lock", new() { ["Name"] = target }),
            ("Unlock", new() { ["Name"] = target }),
        })
        {
            var response = await Post(client, handler, form, tokenPage: "/settings");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        Assert.Null(fixture.Accounts.Find(target + "n"));
        Assert.Equal(Roles.Analyst, fixture.Accounts.Find(target)!.Role);
        Assert.False(fixture.Accounts.Find(target)!.LockedByAdmin);
    }
}
