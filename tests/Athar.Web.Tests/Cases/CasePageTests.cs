using System.Net;
using Athar.Core.Custody;
using Athar.Web.Cases;
using Microsoft.Extensions.Options;
using static Athar.Web.Tests.Cases.CaseTestSupport;

namespace Athar.Web.Tests.Cases;

/// <summary>Case pages: blurred photos, annotations with who and when, and analysts' edits as ledger events.</summary>
[Collection(CaseArchiveCollection.Name)]
public sealed class CasePageTests(CaseArchiveFixture fixture)
{
    private CaseCatalog Catalog => new(Options.Create(new AtharWebOptions { Archive = fixture.Archive }));

    [Fact]
    public async Task A_case_page_shows_blurred_thumbnails_only_and_records_the_view()
    {
        var name = fixture.NewAccount("investigator");
        using var client = await fixture.SignedIn(name);
        var c = Catalog.All()[1];
        var html = await client.GetStringAsync("/cases/" + c.Id);
        foreach (var item in c.Case.Items) Assert.Contains($"src=\"/items/{item}/thumb\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/revealed/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Annotate and edit", html, StringComparison.Ordinal); // investigators read, analysts edit
        var viewed = Assert.Single(Entries(fixture.Archive, CustodyEventTypes.CaseViewed, "web:" + name));
        Assert.Equal(c.Id, Text(viewed.Subject, "case"));
        Assert.Equal("case", Text(viewed.Details, "page"));
    }

    [Fact]
    public async Task An_analyst_annotates_with_a_sign_a_note_and_a_face_region_and_the_page_says_who()
    {
        var name = fixture.NewAccount("analyst");
        using var client = await fixture.SignedIn(name);
        var c = Catalog.All()[2];
        var page = "/cases/" + c.Id;
        Assert.Equal(HttpStatusCode.Redirect, (await Post(client, page, page + "/edit?handler=Sign", new() { ["sign"] = "emaciation" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(client, page, page + "/edit?handler=Note", new() { ["text"] = "ligature marks unclear; check photo 3" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(client, page, page + "/edit?handler=Face", new()
        {
            ["photo"] = "1", ["left"] = "10", ["top"] = "10", ["width"] = "30", ["height"] = "30",
        })).StatusCode);
        var refused = await Post(client, page, page + "/edit?handler=Sign", new() { ["sign"] = "not-a-sign" });
        Assert.Contains("error=", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var events = Entries(fixture.Archive, CustodyEventTypes.CaseAnnotated, "web:" + name);
        Assert.Equal(["sign", "note", "face-region"], events.Select(e => Text(e.Details, "kind")));
        Assert.All(events, e => Assert.Equal(c.Id, Text(e.Subject, "case")));
        Assert.Equal("Emaciation or starvation", Text(events[0].Details, "label"));
        Assert.Equal(c.Case.Items[0], Text(events[2].Subject, "item"));

        var html = await client.GetStringAsync(page);
        Assert.Contains("<strong>Emaciation or starvation</strong>", html, StringComparison.Ordinal);
        Assert.Contains("ligature marks unclear; check photo 3", html, StringComparison.Ordinal);
        Assert.Contains("Face region on photo 1", html, StringComparison.Ordinal);
        Assert.Contains("web:" + name, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_split_and_move_go_through_the_case_model_and_are_ledger_events()
    {
        var name = fixture.NewAccount("analyst");
        using var client = await fixture.SignedIn(name);
        var all = Catalog.All();
        var (a, b) = (all[^2], all[^1]);
        var page = "/cases/" + a.Id;
        var merge = await Post(client, page, page + "/edit?handler=Merge", new() { ["from"] = b.Id });
        Assert.StartsWith("/cases/" + a.Id + "?msg=", merge.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("merged", Catalog.Case(b.Id)!.State);
        var merged = Catalog.Case(a.Id)!;
        Assert.Equal(a.Case.Items.Count + b.Case.Items.Count, merged.Case.Items.Count);

        var split = await Post(client, page, page + "/edit?handler=Split", new() { ["photo"] = (a.Case.Items.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("msg=", split.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(a.Case.Items.Count, Catalog.Case(a.Id)!.Case.Items.Count);
        var newCase = Catalog.All()[^1];
        Assert.NotEqual(b.Id, newCase.Id);

        var move = await Post(client, page, page + "/edit?handler=Move", new() { ["photo"] = "1", ["to"] = newCase.Id });
        Assert.Contains("msg=", move.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains(a.Case.Items[0], Catalog.Case(newCase.Id)!.Case.Items);

        var bad = await Post(client, page, page + "/edit?handler=Merge", new() { ["from"] = a.Id });
        Assert.Contains("error=", bad.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var types = Entries(fixture.Archive).Where(e => e.Actor == "web:" + name).Select(e => e.Type).Where(t => t.StartsWith("case-", StringComparison.Ordinal) && t != CustodyEventTypes.CaseViewed);
        Assert.Equal([CustodyEventTypes.CaseMerged, CustodyEventTypes.CaseSplit, CustodyEventTypes.CaseItemMoved], types);
    }

    [Fact]
    public async Task Statistics_draw_three_charts_and_the_export_has_the_documented_columns_and_no_images()
    {
        var name = fixture.NewAccount("investigator");
        using var client = await fixture.SignedIn(name);
        var html = await client.GetStringAsync("/cases/statistics");
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "<svg "));
        var open = Catalog.All();
        Assert.Contains(open[0].Case.Numbers.Branch.Value!, html, StringComparison.Ordinal);

        var csv = await client.GetStringAsync("/cases/export.csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', CaseCsv.Columns), lines[0]);
        Assert.Equal(open.Count + 1, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Matches("^C-[0-9]{5},", l));
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "web.md"));
        Assert.All(CaseCsv.Columns, column => Assert.Contains($"| `{column}` |", docs, StringComparison.Ordinal));
        Assert.Single(Entries(fixture.Archive, CustodyEventTypes.CasesExported, "web:" + name));
    }

    [Fact]
    public void The_csv_quotes_and_defuses_formulas()
    {
        var c = Catalog.All()[0];
        var csv = CaseCsv.Write([c with { Camera = "=HYPERLINK(\"x\"),1" }], new Dictionary<string, IReadOnlyList<string>>());
        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\"),1\",", csv, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Athar.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
