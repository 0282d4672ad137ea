using System.Text.RegularExpressions;
using Athar.Web.Cases;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Athar.Web.Tests.Cases;

[Collection(CaseArchiveCollection.Name)]
public sealed partial class CaseGalleryFilterTests(CaseArchiveFixture fixture)
{
    [GeneratedRegex("<img src=\"/items/([0-9a-f]{64})/thumb\"")]
    private static partial Regex Thumb();

    private CaseCatalog Catalog => new(Options.Create(new AtharWebOptions { Archive = fixture.Archive }));

    private static async Task<List<string>> GalleryIds(HttpClient client, string query) =>
        Thumb().Matches(await client.GetStringAsync("/gallery" + query)).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The items' ids in catalog (keyset) order.</summary>
    private List<string> InCatalogOrder(IEnumerable<string> ids)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(fixture.Archive, "catalog.db")};Mode=ReadOnly");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT rowid FROM items WHERE id = $id";
        var p = command.Parameters.Add("$id", SqliteType.Text);
        return [.. ids.Select(id => { p.Value = id; return (Id: id, Rowid: (long)command.ExecuteScalar()!); }).OrderBy(r => r.Rowid).Select(r => r.Id)];
    }

    [Fact]
    public async Task The_gallery_filters_by_case_in_catalog_order_and_pages_by_keyset()
    {
        var c = Catalog.All().First(x => x.Case.Items.Count >= 2);
        var expected = InCatalogOrder(c.Case.Items);
        var name = fixture.NewAccount("investigator");
        using var client = await fixture.SignedIn(name);
        Assert.Equal(expected, await GalleryIds(client, "?case=" + Uri.EscapeDataString(c.Id)));
        var other = Catalog.All().First(x => x.Id != c.Id && x.Case.Items.Count >= 1);
        Assert.Equal(InCatalogOrder(other.Case.Items), await GalleryIds(client, "?case=" + Uri.EscapeDataString(other.Id)));
        Assert.Empty(await GalleryIds(client, "?case=no-such-case"));
        Assert.Empty(await GalleryIds(client, "?case=" + Uri.EscapeDataString(c.Id) + "&type=text/plain"));
    }
}
