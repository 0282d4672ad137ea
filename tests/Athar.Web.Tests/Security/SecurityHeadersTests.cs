using System.Net;

namespace Athar.Web.Tests.Security;

public sealed class SecurityHeadersTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Every_page_has_a_strict_content_security_policy_and_safe_headers()
    {
        using var client = fixture.Client();
        var response = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_auth_cookie_is_httponly_and_samesite_strict()
    {
        using var client = fixture.Client();
        var response = await WebAppFixture.Login(client, WebAppFixture.AccountFor["analyst"], WebAppFixture.Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("athar.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_rejected()
    {
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["admin"]);
        var reveal = await client.PostAsync($"/items/{fixture.DetailedJpegId}?handler=Reveal", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, reveal.StatusCode);
        var settings = await client.PostAsync("/settings", new FormUrlEncodedContent(new Dictionary<string, string> { ["BlurSigma"] = "0" }));
        Assert.Equal(HttpStatusCode.BadRequest, settings.StatusCode);
        using var stranger = fixture.Client();
        var login = await stranger.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = WebAppFixture.AccountFor["admin"], ["Password"] = WebAppFixture.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_against_the_right_password()
    {
        var name = fixture.NewAccount("investigator");
        using var client = fixture.Client();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await WebAppFixture.Login(client, name, "wrong password " + i)).StatusCode);
        var response = await WebAppFixture.Login(client, name, WebAppFixture.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("athar.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_account_with_totp_needs_the_current_code()
    {
        var secret = Athar.Web.Accounts.Totp.NewSecret();
        var name = fixture.NewAccount("analyst", secret);
        using var client = fixture.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await WebAppFixture.Login(client, name, WebAppFixture.Password)).StatusCode);
        var code = Athar.Web.Accounts.Totp.Compute(secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(HttpStatusCode.Redirect, (await WebAppFixture.Login(client, name, WebAppFixture.Password, code)).StatusCode);
    }
}
