using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Athar.Core.Custody;
using Athar.Storage.Ledger;

namespace Athar.Web.Tests.Audit;

/// <summary>A view, a reveal and a download each add exactly one ledger event naming the person and the item.</summary>
public sealed partial class AuditEventTests(WebAppFixture fixture)
{
    private List<CustodyEntry> Entries()
    {
        using var ledger = CustodyLedger.Open(Path.Combine(fixture.Archive, "ledger"), writable: false);
        return ledger.ReadAll().Select(e => e.Entry).ToList();
    }

    private int Count(string type, string actor, string? item = null) => Entries().Count(e =>
        e.Type == type && e.Actor == actor && (item is null || e.Subject["item"]?.GetValue<string>() == item));

    [GeneratedRegex("/items/[0-9a-f]{64}/revealed/([0-9a-f]+)")]
    private static partial Regex RevealedImage();

    [Fact]
    public async Task A_view_a_reveal_and_a_download_each_record_one_event()
    {
        var name = fixture.NewAccount("investigator");
        var actor = "web:" + name;
        var id = fixture.DetailedJpegId;
        using var client = await fixture.SignedIn(name);
        Assert.Equal(1, Count(CustodyEventTypes.LoginSucceeded, actor));

        var page = await client.GetAsync("/items/" + id[..12]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(1, Count(CustodyEventTypes.ItemViewed, actor, id));

        var token = WebAppFixture.AntiforgeryToken(client, "/items/" + id); // a second view, to get a form token
        var reveal = await client.PostAsync($"/items/{id}?handler=Reveal", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await token }));
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
        Assert.Equal(1, Count(CustodyEventTypes.ItemRevealed, actor, id));
        Assert.Equal(2, Count(CustodyEventTypes.ItemViewed, actor, id)); // the reveal itself is not a view

        var download = await client.GetAsync($"/items/{id}/original");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(id, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(1, Count(CustodyEventTypes.OriginalDownloaded, actor, id));
        Assert.DoesNotContain(Entries(), e => e.ToCanonicalBytes().AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(WebAppFixture.Password)) >= 0);
    }

    [Fact]
    public async Task A_failed_sign_in_is_recorded_without_the_password()
    {
        var name = fixture.NewAccount("analyst");
        using var client = fixture.Client();
        await WebAppFixture.Login(client, name, "a guessed password 1");
        var failed = Entries().Where(e => e.Type == CustodyEventTypes.LoginFailed && e.Subject["account"]?.GetValue<string>() == name).ToList();
        Assert.Single(failed);
        Assert.DoesNotContain("a guessed password 1", failed[0].ToJson().ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_audit_page_filters_by_actor_type_and_item()
    {
        var name = fixture.NewAccount("analyst");
        using (var viewer = await fixture.SignedIn(name))
            await viewer.GetAsync("/items/" + fixture.DetailedJpegId);
        using var admin = await fixture.SignedIn(WebAppFixture.AccountFor["admin"]);
        var html = await admin.GetStringAsync($"/audit?actor=web:{name}&type={CustodyEventTypes.ItemViewed}&item={fixture.DetailedJpegId[..10]}");
        Assert.Single(Regex.Matches(html, "<td>" + CustodyEventTypes.ItemViewed + "</td>"));
        Assert.Contains("web:" + name, html, StringComparison.Ordinal);
        html = await admin.GetStringAsync($"/audit?actor=web:{name}&type={CustodyEventTypes.OriginalDownloaded}");
        Assert.Contains("No events match", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revealed_image_needs_a_fresh_grant_for_that_person()
    {
        var id = fixture.DetailedJpegId;
        using var client = await fixture.SignedIn(fixture.NewAccount("archivist"));
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = await WebAppFixture.AntiforgeryToken(client, "/items/" + id) };
        var html = await (await client.PostAsync($"/items/{id}?handler=Reveal", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        var path = RevealedImage().Match(html).Value;
        Assert.NotEmpty(path);
        using var other = await fixture.SignedIn(fixture.NewAccount("archivist"));
        Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync(path)).StatusCode);   // another person: refused (and the grant is spent)
        html = await (await client.PostAsync($"/items/{id}?handler=Reveal", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        path = RevealedImage().Match(html).Value;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);  // used once
    }
}
