using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Athar.Web.Tests.Security;

/// <summary>Deny by default: every endpoint declares who may use it, and only sign-in and assets are anonymous.</summary>
public sealed class EndpointPolicyTests(WebAppFixture fixture)
{
    [Fact]
    public void Every_endpoint_declares_its_authorization_and_only_login_and_assets_are_anonymous()
    {
        _ = fixture.Factory.Server; // starts the host so that endpoints exist
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count >= 10, $"only {endpoints.Count} endpoints found");
        var undeclared = new List<string>();
        var anonymous = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText ?? endpoint.DisplayName ?? "?";
            var allowsAnonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            if (allowsAnonymous) anonymous.Add(route);
            else if (policies.Count == 0 || policies.All(p => string.IsNullOrEmpty(p.Policy) && string.IsNullOrEmpty(p.Roles)))
                undeclared.Add(route);
        }
        Assert.Empty(undeclared);
        Assert.Equal(["/assets/{name}", "/login"], anonymous.Select(r => "/" + r.TrimStart('/')).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_fallback_policy_requires_a_signed_in_user()
    {
        _ = fixture.Factory.Server;
        var options = fixture.Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthorizationOptions>>().Value;
        Assert.NotNull(options.FallbackPolicy);
        Assert.Contains(options.FallbackPolicy!.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);
        // And a path nothing maps is still refused to a stranger before it is found missing.
        using var client = fixture.Client();
        var response = await client.GetAsync("/no-such-page");
        Assert.True(response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Redirect, response.StatusCode.ToString());
    }
}
