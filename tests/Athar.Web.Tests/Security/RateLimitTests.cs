using System.Net;
using Athar.Storage;
using Athar.TestSupport;
using Athar.Web.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Athar.Web.Tests.Security;

/// <summary>Sign-in attempts are limited per client address (the ASP.NET Core rate limiter) and per account name.</summary>
public sealed class RateLimitTests
{
    private static async Task<(TempDirectory Temp, WebApplicationFactory<AtharWebOptions> Factory)> App(int perAddress, int perName)
    {
        var temp = new TempDirectory("web-limits");
        var root = temp.Combine("archive");
        AtharArchive.Init(root, actor: "tester").Dispose();
        new AccountStore(Path.Combine(root, "accounts.db"), iterations: 1000).Create("limited1", Roles.Analyst, WebAppFixture.Password);
        var factory = new WebApplicationFactory<AtharWebOptions>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Athar:Archive", root);
            b.UseSetting("Athar:PasswordIterations", WebAppFixture.TestIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Athar:LoginAttemptsPerAddressPerMinute", perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Athar:LoginAttemptsPerNamePerMinute", perName.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        await Task.CompletedTask;
        return (temp, factory);
    }

    [Fact]
    public async Task Attempts_beyond_the_per_address_limit_get_429()
    {
        var (temp, factory) = await App(perAddress: 3, perName: 100);
        using (temp)
        await using (factory)
        {
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            for (var i = 0; i < 3; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await WebAppFixture.Login(client, "nobody" + i, "wrong password")).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await WebAppFixture.Login(client, "limited1", WebAppFixture.Password)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode); // showing the form is not limited
        }
    }

    [Fact]
    public async Task Attempts_beyond_the_per_name_limit_get_429_even_with_the_right_password()
    {
        var (temp, factory) = await App(perAddress: 100, perName: 2);
        using (temp)
        await using (factory)
        {
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Unauthorized, (await WebAppFixture.Login(client, "limited1", "wrong password")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await WebAppFixture.Login(client, "LIMITED1", "wrong password")).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await WebAppFixture.Login(client, "limited1", WebAppFixture.Password)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await WebAppFixture.Login(client, "someone-else", "wrong password")).StatusCode); // other names are not limited
        }
    }
}
