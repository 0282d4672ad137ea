using System.Text.RegularExpressions;

namespace Athar.Web.Tests.Pages;

/// <summary>Every page loads only what Athar serves: no scripts, no inline styles, no absolute URLs.</summary>
public sealed partial class NoExternalResourcesTests(WebAppFixture fixture)
{
    [GeneratedRegex("(src|href|action)=\"(?!/)[^\"#]*\"")]
    private static partial Regex NonLocalReference();

    [Fact]
    public async Task Pages_reference_only_local_paths_and_carry_no_script_or_inline_style()
    {
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["admin"]);
        foreach (var path in new[] { "/", "/gallery", "/items/" + fixture.DetailedJpegId, "/sources", "/audit", "/settings", "/logout" })
        {
            var html = await client.GetStringAsync(path);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            var bad = NonLocalReference().Matches(html).Select(m => m.Value).ToList();
            Assert.True(bad.Count == 0, $"{path}: {string.Join(", ", bad)}");
        }
    }
}
