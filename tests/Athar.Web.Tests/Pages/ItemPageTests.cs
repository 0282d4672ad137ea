using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.TestSupport;

namespace Athar.Web.Tests.Pages;

/// <summary>The item page's forensic sections and the inclusion-proof download.</summary>
public sealed class ItemPageTests(WebAppFixture fixture)
{
    private static string CanonId => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, "Canon PowerShot S330.jpg"))));

    [Fact]
    public async Task The_item_page_shows_assessment_findings_metadata_and_jpeg_structure()
    {
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["analyst"]);
        var html = await client.GetStringAsync("/items/" + CanonId);
        Assert.Contains("id=\"assessment\"", html, StringComparison.Ordinal);
        Assert.Contains("Checked: ", html, StringComparison.Ordinal);
        Assert.Contains("<code>exif.summary</code>", html, StringComparison.Ordinal);
        // Normalized fields from the exif.summary finding come first, then the full dump read from the original.
        Assert.Contains("<tr><th>Make</th><td>Canon</td></tr>", html, StringComparison.Ordinal);
        var normalized = html.IndexOf("Normalized fields", StringComparison.Ordinal);
        var dump = html.IndexOf("Full metadata dump", StringComparison.Ordinal);
        Assert.True(normalized > 0 && dump > normalized, "normalized fields before the full dump");
        Assert.Contains("<td>Exif IFD0</td>", html, StringComparison.Ordinal);
        Assert.Contains("JPEG structure", html, StringComparison.Ordinal);
        Assert.Contains("<td>DQT</td>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>Table 0", html, StringComparison.Ordinal);
        Assert.Contains("Near-duplicates and bank matches", html, StringComparison.Ordinal);
        Assert.Contains("/items/" + CanonId + "/proof", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_item_page_says_where_its_server_time_went_in_a_server_timing_header()
    {
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["analyst"]);
        using var response = await client.GetAsync("/items/" + CanonId);
        var timing = string.Join(", ", response.Headers.GetValues("Server-Timing"));
        foreach (var step in new[] { "item", "audit", "copies", "events", "findings", "inspect" })
            Assert.Matches($@"(^|, ){step};dur=\d+\.\d(,|$)", timing);
        Assert.DoesNotContain(CanonId[..12], timing, StringComparison.Ordinal); // step names and durations only
    }

    [Fact]
    public async Task The_item_page_shows_its_near_duplicate_group_side_by_side_with_distances()
    {
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["analyst"]);
        var html = await client.GetStringAsync("/items/" + CanonId);
        Assert.Contains("Near-duplicate group <code>nd-", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/items/" + fixture.NearDuplicateId + "/thumb\"", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/items/" + CanonId + "/thumb\"", html, StringComparison.Ordinal);
        Assert.Matches("(representative|distance [0-9]+)", html);
        var other = await client.GetStringAsync("/items/" + fixture.TextFileId);
        Assert.DoesNotContain("Near-duplicate group <code>", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Family_liaison_sees_no_forensic_detail_and_may_not_download_the_proof()
    {
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["family-liaison"]);
        var html = await client.GetStringAsync("/items/" + CanonId);
        Assert.DoesNotContain("<th>Make</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("exif.summary", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Full metadata dump", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/proof", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_proof_download_verifies_against_the_signed_checkpoint_and_is_audited()
    {
        var name = fixture.NewAccount("investigator");
        using var client = await fixture.SignedIn(name);
        var response = await client.GetAsync("/items/" + fixture.DetailedJpegId + "/proof");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.GetValues("Content-Disposition").First(), StringComparison.Ordinal);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(fixture.DetailedJpegId, (string?)document["item"]);
        var checkpoint = (string)document["checkpoint"]!;
        var body = checkpoint[..(checkpoint.IndexOf("\n\n", StringComparison.Ordinal) + 1)];
        var parsed = Checkpoint.ParseBody(body);
        var entries = document["entries"]!.AsArray();
        Assert.Equal(2, entries.Count); // the detailed JPEG was copied from two drives
        foreach (var entry in entries)
        {
            // Recompute everything from the entry text and the checkpoint, trusting nothing the server computed.
            var leaf = Rfc6962.HashLeaf(Encoding.UTF8.GetBytes((string)entry!["entry"]!));
            var proof = entry["proof"]!.AsArray().Select(p => Convert.FromBase64String((string)p!)).ToList();
            Assert.True(MerkleProofs.VerifyInclusion((long)entry["leafIndex"]!, parsed.TreeSize, leaf, proof, parsed.RootHash));
            var flipped = proof.Select(p => (byte[])p.Clone()).ToList();
            if (flipped.Count > 0) flipped[0][0] ^= 1;
            else leaf[0] ^= 1;
            Assert.False(MerkleProofs.VerifyInclusion((long)entry["leafIndex"]!, parsed.TreeSize, leaf, flipped, parsed.RootHash));
        }
        using var admin = await fixture.SignedIn(WebAppFixture.AccountFor["admin"]);
        var audit = await admin.GetStringAsync($"/audit?actor=web:{name}&type={CustodyEventTypes.ProofDownloaded}");
        Assert.Contains(fixture.DetailedJpegId[..12], audit, StringComparison.Ordinal);
    }
}
