using System.Text.RegularExpressions;
using Athar.Web.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Athar.Web.Tests.Pages;

/// <summary>Dashboard, sources and gallery against the fixture's two drives (five items, one duplicate copy).</summary>
public sealed partial class CatalogPagesTests(WebAppFixture fixture)
{
    [GeneratedRegex("<img src=\"/items/([0-9a-f]{64})/thumb\"")]
    private static partial Regex Thumb();

    private async Task<List<string>> GalleryIds(HttpClient client, string query) =>
        Thumb().Matches(await client.GetStringAsync("/gallery" + query)).Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task The_dashboard_shows_counts_unanalysed_findings_and_the_latest_checkpoint()
    {
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["analyst"]);
        var html = await client.GetStringAsync("/");
        Assert.Contains("<strong>6</strong> items", html, StringComparison.Ordinal);
        Assert.Contains("<strong>7</strong> copies", html, StringComparison.Ordinal);
        Assert.Contains("<strong>2</strong> sources", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not yet analysed", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Photos per month taken\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Findings by severity\"", html, StringComparison.Ordinal);
        Assert.Contains("athar.archive/", html, StringComparison.Ordinal);
        Assert.Contains("Recent custody events", html, StringComparison.Ordinal);
        using var family = await fixture.SignedIn(WebAppFixture.AccountFor["family-liaison"]);
        Assert.DoesNotContain("Recent custody events", await family.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_show_custodians_copies_new_items_and_duplicates()
    {
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["archivist"]);
        var html = Regex.Replace(await client.GetStringAsync("/sources"), @"\s+", " ");
        Assert.Contains(">drive-01</a></td><td>custodian A</td><td>2014-01-20</td> <td>5</td><td>5</td><td>0</td>", html, StringComparison.Ordinal);
        Assert.Contains(">drive-02</a></td><td>custodian B</td><td>2014-03-02</td> <td>2</td><td>1</td><td>1</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gallery_filters_by_source_type_and_path_text()
    {
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["investigator"]);
        Assert.Equal(6, (await GalleryIds(client, "")).Count);
        Assert.Equal([fixture.DetailedJpegId, fixture.NearDuplicateId], await GalleryIds(client, "?source=drive-02"));
        Assert.Equal([fixture.DetailedJpegId], await GalleryIds(client, "?q=detail-copy"));
        Assert.Equal([fixture.TextFileId], await GalleryIds(client, "?type=text/plain"));
        Assert.Equal(5, (await GalleryIds(client, "?type=image/jpeg")).Count);
        Assert.Empty(await GalleryIds(client, "?q=%25")); // a literal percent sign matches no path
    }

    [Fact]
    public async Task The_gallery_filters_by_camera_date_finding_code_and_severity()
    {
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["analyst"]);
        var canon = await GalleryIds(client, "?camera=" + Uri.EscapeDataString("Canon PowerShot S330"));
        Assert.Single(canon);
        Assert.NotEqual(fixture.DetailedJpegId, canon[0]);
        // The synthetic JPEG and the re-encoded near-duplicate have no EXIF at all: the stripped files, a warning.
        Assert.Equal([fixture.DetailedJpegId, fixture.NearDuplicateId], await GalleryIds(client, "?code=exif.stripped"));
        Assert.Contains(fixture.DetailedJpegId, await GalleryIds(client, "?severity=2"));
        Assert.DoesNotContain(fixture.TextFileId, await GalleryIds(client, "?severity=0"));
        Assert.Equal(canon, await GalleryIds(client, "?camera=" + Uri.EscapeDataString("Canon PowerShot S330") + "&source=drive-01&code=exif.summary"));
        Assert.Empty(await GalleryIds(client, "?camera=" + Uri.EscapeDataString("Canon PowerShot S330") + "&source=drive-02"));
        // Only photos with an EXIF date fall in a date range.
        var dated = await GalleryIds(client, "?from=1990-01-01&to=2100-12-31");
        Assert.NotEmpty(dated);
        Assert.DoesNotContain(fixture.DetailedJpegId, dated);
        Assert.DoesNotContain(fixture.TextFileId, dated);
        Assert.Empty(await GalleryIds(client, "?from=2100-01-01"));
        Assert.Equal(6, (await GalleryIds(client, "?from=not-a-date")).Count); // ignored, not an error
    }

    [Fact]
    public async Task Family_liaison_cannot_filter_by_source_path_camera_or_finding()
    {
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["family-liaison"]);
        Assert.Equal(6, (await GalleryIds(client, "?source=drive-02&q=detail-copy&code=exif.stripped&severity=2&camera=Canon+PowerShot+S330")).Count);
    }

    [Fact]
    public async Task The_gallery_filters_by_near_duplicate_group_in_catalog_order()
    {
        List<string> members;
        string group;
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(fixture.Archive, "catalog.db")};Mode=ReadOnly"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT group_id FROM near_duplicates WHERE item_id = $id";
            command.Parameters.AddWithValue("$id", fixture.NearDuplicateId);
            group = (string)command.ExecuteScalar()!;
            command.CommandText = "SELECT i.id FROM near_duplicates n JOIN items i ON i.id = n.item_id WHERE n.group_id = $group ORDER BY i.rowid";
            command.Parameters.AddWithValue("$group", group);
            using var reader = command.ExecuteReader();
            members = [];
            while (reader.Read()) members.Add(reader.GetString(0));
        }
        Assert.Contains(fixture.NearDuplicateId, members);
        Assert.True(members.Count is >= 2 and < 5);
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["analyst"]);
        Assert.Equal(members, await GalleryIds(client, "?group=" + Uri.EscapeDataString(group)));
        Assert.Equal([members[^1]], await GalleryIds(client, "?group=" + Uri.EscapeDataString(group) + "&after=" + RowidOf(members[^2])));
        Assert.Empty(await GalleryIds(client, "?group=no-such-group"));
        // Combined with another filter: the group's members that are also of the chosen type.
        Assert.Empty(await GalleryIds(client, "?group=" + Uri.EscapeDataString(group) + "&type=text/plain"));
        // A role that may not see provenance cannot filter by group (the filter is ignored).
        using var family = await fixture.SignedIn(WebAppFixture.AccountFor["family-liaison"]);
        Assert.Equal(fixture.ItemIds.Count, (await GalleryIds(family, "?group=" + Uri.EscapeDataString(group))).Count);
    }

    private long RowidOf(string id)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(fixture.Archive, "catalog.db")};Mode=ReadOnly");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT rowid FROM items WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Keyset_pages_cover_every_item_once_in_order_of_first_sight()
    {
        var index = fixture.Factory.Services.GetRequiredService<GalleryIndex>();
        await index.EnsureCurrentAsync();
        var seen = new List<string>();
        long after = 0;
        while (index.Page(new GalleryFilter(), after, 2) is { Count: > 0 } page)
        {
            seen.AddRange(page.Select(r => r.Id));
            after = page[^1].Position;
        }
        Assert.Equal(fixture.ItemIds, seen);
    }

    [Fact]
    public async Task A_removed_account_is_signed_out_at_its_next_request()
    {
        var name = fixture.NewAccount("analyst");
        using var client = await fixture.SignedIn(name);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/gallery")).StatusCode);
        fixture.Accounts.Delete(name);
        var response = await client.GetAsync("/gallery");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
