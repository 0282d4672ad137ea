using System.Net;
using Athar.Core.Custody;
using Athar.Web.Cases;
using Microsoft.Extensions.Options;
using static Athar.Web.Tests.Cases.CaseTestSupport;

namespace Athar.Web.Tests.Cases;

/// <summary>Family search, the family view of a case, face-region reveals and identification claims.</summary>
[Collection(CaseArchiveCollection.Name)]
public sealed class FamilyTests(CaseArchiveFixture fixture)
{
    private CaseCatalog Catalog => new(Options.Create(new AtharWebOptions { Archive = fixture.Archive }));

    [Fact]
    public async Task A_search_by_detainee_number_finds_only_that_case_shows_no_photo_and_is_recorded()
    {
        var name = fixture.NewAccount("family-liaison");
        using var client = await fixture.SignedIn(name);
        var c = Catalog.All()[0];
        var detainee = c.Case.Numbers.Detainee.Value!;
        var html = await client.GetStringAsync("/families?detainee=" + detainee);
        Assert.Contains($"href=\"/families/cases/{c.Id}\"", html, StringComparison.Ordinal);
        var others = Catalog.All().Where(o => o.Case.Numbers.Detainee.Value != detainee).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, o => Assert.DoesNotContain(o.Id, html, StringComparison.Ordinal));
        Assert.DoesNotContain("/items/", html, StringComparison.Ordinal);
        var searched = Assert.Single(Entries(fixture.Archive, CustodyEventTypes.CasesSearched, "web:" + name));
        Assert.Equal(detainee, Text(searched.Details, "detainee"));

        // A date range alone is refused: it would list strangers.
        html = await client.GetStringAsync("/families?from=2011-01-01&to=2014-01-01");
        Assert.Contains("Give a detainee number or a branch number", html, StringComparison.Ordinal);
        Assert.Single(Entries(fixture.Archive, CustodyEventTypes.CasesSearched, "web:" + name));

        // The family view of the case: the card and facts, no photograph of the body at all.
        html = await client.GetStringAsync("/families/cases/" + c.Id);
        Assert.Contains($"src=\"/cases/{c.Id}/card\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/items/", html, StringComparison.Ordinal);
        Assert.Single(Entries(fixture.Archive, CustodyEventTypes.CaseViewed, "web:" + name));
    }

    [Fact]
    public async Task A_face_region_is_revealed_only_after_the_warning_once_and_never_the_whole_photo()
    {
        var c = Catalog.All()[3];
        using (var analyst = await fixture.SignedIn(CaseArchiveFixture.AccountFor("analyst")))
            await Post(analyst, "/cases/" + c.Id, $"/cases/{c.Id}/edit?handler=Face", new() { ["photo"] = "2", ["left"] = "25", ["top"] = "0", ["width"] = "50", ["height"] = "40" });
        var name = fixture.NewAccount("family-liaison");
        using var client = await fixture.SignedIn(name);
        var html = await client.GetStringAsync("/families/cases/" + c.Id);
        Assert.Contains($"/families/cases/{c.Id}/reveal/2", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/families/cases/{c.Id}/reveal/1\"", html, StringComparison.Ordinal);

        var page = $"/families/cases/{c.Id}/reveal/2";
        html = await client.GetStringAsync(page);
        Assert.Contains("Warning.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        var unticked = await Post(client, page, page, []);
        Assert.Contains("Tick the box", await unticked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Entries(fixture.Archive, CustodyEventTypes.FaceRegionRevealed, "web:" + name));

        html = await (await Post(client, page, page, new() { ["understood"] = "true" })).Content.ReadAsStringAsync();
        var image = FaceImage().Match(html).Value;
        Assert.NotEmpty(image);
        var revealed = Assert.Single(Entries(fixture.Archive, CustodyEventTypes.FaceRegionRevealed, "web:" + name));
        Assert.Equal(c.Case.Items[1], Text(revealed.Subject, "item"));
        var face = await client.GetAsync(image);
        Assert.Equal(HttpStatusCode.OK, face.StatusCode);
        using var crop = Athar.Imaging.TurboJpeg.JpegDecoder.Shared.Decode(await face.Content.ReadAsByteArrayAsync());
        // 50% x 40% of the photo (4:3) decoded at about 1024 px or more: a 5:3 crop, not the whole photo.
        Assert.InRange(crop.Width / (double)crop.Height, 5 / 3.0 - 0.03, 5 / 3.0 + 0.03);
        Assert.InRange(crop.Width, 500, 1000);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync(image)).StatusCode); // once
        // The grant is for that face crop only: it opens no whole photo.
        html = await (await Post(client, page, page, new() { ["understood"] = "true" })).Content.ReadAsStringAsync();
        var token = FaceImage().Match(html).Value.Split('/')[^1];
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync($"/items/{c.Case.Items[1]}/revealed/{token}")).StatusCode);
    }

    [Fact]
    public async Task A_claim_is_readable_only_by_admins_and_its_liaison_and_the_ledger_holds_only_a_digest()
    {
        var liaison = fixture.NewAccount("family-liaison");
        var other = fixture.NewAccount("family-liaison");
        var c = Catalog.All()[4];
        using var client = await fixture.SignedIn(liaison);
        var page = "/families/cases/" + c.Id;
        var recorded = await Post(client, page, page + "?handler=Claim", new()
        {
            ["claimant"] = "Rania Example", ["relationship"] = "sister", ["contact"] = "+963 11 555 0101", ["note"] = "recognised the watch",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var entry = Assert.Single(Entries(fixture.Archive, CustodyEventTypes.IdentificationClaimRecorded, "web:" + liaison));
        var claimId = Text(entry.Subject, "claim")!;
        Assert.Matches("^[0-9a-f]{64}$", Text(entry.Details, "digest")!);
        var json = entry.ToJson().ToJsonString();
        // The contact is looked for with its space: its digits alone ("555") turn up in random hex digests now and then.
        foreach (var secret in new[] { "Rania", "sister", "555 0101", "watch" }) Assert.DoesNotContain(secret, json, StringComparison.Ordinal);

        Assert.Contains("Rania Example", await client.GetStringAsync("/families/claims"), StringComparison.Ordinal);
        using (var stranger = await fixture.SignedIn(other))
        {
            Assert.DoesNotContain("Rania", await stranger.GetStringAsync("/families/claims"), StringComparison.Ordinal);
            Assert.DoesNotContain("Rania", await stranger.GetStringAsync(page), StringComparison.Ordinal);
        }
        using var admin = await fixture.SignedIn(CaseArchiveFixture.AccountFor("admin"));
        Assert.Contains("Rania Example", await admin.GetStringAsync("/families/claims"), StringComparison.Ordinal);
        var decide = $"/families/claims/{claimId}/decide";
        Assert.Equal(HttpStatusCode.Redirect, (await Post(admin, decide, decide, new() { ["decision"] = "confirmed", ["reason"] = "dental record matches" })).StatusCode);
        var decided = Assert.Single(Entries(fixture.Archive, CustodyEventTypes.IdentificationClaimDecided, "web:" + CaseArchiveFixture.AccountFor("admin")),
            e => Text(e.Subject, "claim") == claimId);
        Assert.Equal("confirmed", Text(decided.Details, "decision"));
        Assert.DoesNotContain("dental", decided.ToJson().ToJsonString(), StringComparison.Ordinal);
        var again = await Post(admin, "/settings", decide, new() { ["decision"] = "rejected", ["reason"] = "second thoughts" });
        Assert.Contains("already confirmed", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mine = await client.GetStringAsync("/families/claims");
        Assert.Contains("dental record matches", mine, StringComparison.Ordinal);
        Assert.Contains("by " + CaseArchiveFixture.AccountFor("admin"), mine, StringComparison.Ordinal);
        Assert.NotEmpty(Entries(fixture.Archive, CustodyEventTypes.IdentificationClaimsViewed, "web:" + liaison));
    }
}
