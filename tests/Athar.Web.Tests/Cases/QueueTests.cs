using System.Net;
using Athar.Cases.Model;
using Athar.Core.Custody;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using Athar.Web.Cases;
using Microsoft.Extensions.Options;
using static Athar.Web.Tests.Cases.CaseTestSupport;

namespace Athar.Web.Tests.Cases;

/// <summary>The transcription queue: the card crop, the machine's reading with weak digits marked, Enter confirms the whole case.</summary>
[Collection(CaseArchiveCollection.Name)]
public sealed class QueueTests(CaseArchiveFixture fixture)
{
    private CaseCatalog Catalog => new(Options.Create(new AtharWebOptions { Archive = fixture.Archive }));

    [Fact]
    public async Task The_queue_shows_the_card_and_the_reading_and_confirming_applies_to_the_whole_case()
    {
        var name = fixture.NewAccount("analyst");
        using var client = await fixture.SignedIn(name);
        var html = await client.GetStringAsync("/cases/queue");
        var id = System.Text.RegularExpressions.Regex.Match(html, "name=\"case\" value=\"(C-[0-9]+)\"").Groups[1].Value;
        Assert.NotEmpty(id);
        var before = Catalog.Case(id)!;
        Assert.Equal(NumberStatus.MachineRead, before.Case.Status);
        Assert.Contains($"src=\"/cases/{id}/card\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/thumb", html, StringComparison.Ordinal);   // never the body
        Assert.DoesNotContain("/preview", html, StringComparison.Ordinal);
        var detainee = before.Case.Numbers.Detainee.Value!;
        Assert.Contains($"value=\"{detainee}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<mark class=\"low\"", html, StringComparison.Ordinal); // the planted weak digit
        Assert.Single(Entries(fixture.Archive, CustodyEventTypes.CaseViewed, "web:" + name));

        // A corrected detainee number: the case's three numbers become confirmed, for all its photos.
        var corrected = detainee[..^1] + (detainee[^1] == '9' ? '0' : (char)(detainee[^1] + 1));
        var response = await Post(client, "/cases/queue?case=" + id, "/cases/queue?handler=Confirm", new()
        {
            ["case"] = id, ["detainee"] = corrected, ["branch"] = before.Case.Numbers.Branch.Value!, ["report"] = before.Case.Numbers.Report.Value!,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cases/queue?after={id}&done={id}", response.Headers.Location!.OriginalString);
        var after = Catalog.Case(id)!;
        Assert.Equal(NumberStatus.Confirmed, after.Case.Status);
        Assert.Equal(corrected, after.Case.Numbers.Detainee.Value);
        Assert.Equal(before.Case.Items, after.Case.Items);
        var confirmed = Assert.Single(Entries(fixture.Archive, CustodyEventTypes.CaseNumbersConfirmed, "web:" + name));
        Assert.Equal(id, Text(confirmed.Subject, "case"));

        // The next page moves on and counts the confirmation in the rate.
        html = await client.GetStringAsync(response.Headers.Location.OriginalString);
        Assert.Contains($"{id} confirmed", html, StringComparison.Ordinal);
        Assert.Contains("You confirmed <strong>1</strong> cases in the last hour", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"name=\"case\" value=\"{id}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_near_a_cover_says_a_digit_may_be_hidden_until_it_is_confirmed()
    {
        var machine = new CaseNumber("8134", 0.5, NumberStatus.MachineRead);
        var line = new Athar.Web.Pages.Cases.QueueLine(CardRole.Detainee, "Detainee number", "8134", [], machine, Covered: true);

        Assert.Equal("machine 50%; the card is covered near this number: a digit may be hidden", line.Describe);
        Assert.Equal("machine 50%", (line with { Covered = false }).Describe);
        Assert.Equal("confirmed before", (line with { Number = machine with { Status = NumberStatus.Confirmed } }).Describe);
    }

    [Fact]
    public void A_number_the_vote_held_down_for_a_cover_says_so_even_when_the_card_shown_is_not_covered()
    {
        // The best photo's card shows the line whole, but the cover reaches it in most photos of the case: the vote
        // held the number at 50% for that, and the queue says why.
        var machine = new CaseNumber("8134", 0.5, NumberStatus.MachineRead);
        var shown = new Athar.Cases.Grouping.CardLine(CardRole.Detainee, "8134", [.. "8134".Select(c => new Athar.Cases.Grouping.ReadDigit(c - '0', 0.97))]);

        var line = Athar.Web.Pages.Cases.QueueModel.Line(CardRole.Detainee, machine, shown, coveredInMost: true, typed: null);
        Assert.True(line.Covered);
        Assert.EndsWith("a digit may be hidden", line.Describe, StringComparison.Ordinal);

        Assert.False(Athar.Web.Pages.Cases.QueueModel.Line(CardRole.Detainee, machine, shown, coveredInMost: false, typed: null).Covered);
        Assert.True(Athar.Web.Pages.Cases.QueueModel.Line(CardRole.Detainee, machine, shown with { Covered = true }, coveredInMost: false, typed: null).Covered);
    }

    [Fact]
    public async Task A_number_that_is_not_digits_is_refused_and_nothing_is_recorded()
    {
        var name = fixture.NewAccount("analyst");
        using var client = await fixture.SignedIn(name);
        var id = Catalog.Page("", 1, unconfirmedOnly: true)[0].Id;
        var response = await Post(client, "/cases/queue?case=" + id, "/cases/queue?handler=Confirm", new()
        {
            ["case"] = id, ["detainee"] = "12a4", ["branch"] = "215", ["report"] = "77",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not a card number", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Entries(fixture.Archive, CustodyEventTypes.CaseNumbersConfirmed, "web:" + name));
    }

    [Fact]
    public async Task The_card_crop_is_the_straightened_white_card_not_the_photo()
    {
        using var client = await fixture.SignedIn(CaseArchiveFixture.AccountFor("family-liaison"));
        var c = Catalog.All()[0];
        var response = await client.GetAsync($"/cases/{c.Id}/card");
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        using var crop = JpegDecoder.Shared.Decode(await response.Content.ReadAsByteArrayAsync(), PixelLayout.Gray8);
        Assert.Equal((450, 360), (crop.Width, crop.Height));
        var original = File.ReadAllBytes(Athar.Web.Catalog.OriginalFiles.PathOf(fixture.Archive,
            new Athar.Web.Catalog.WebCatalog(Options.Create(new AtharWebOptions { Archive = fixture.Archive })).Item(c.Case.BestItem)!));
        using var photo = JpegDecoder.Shared.Decode(original, PixelLayout.Gray8);
        Assert.True(Mean(crop) > Mean(photo) + 40, $"the card (mean {Mean(crop):0}) should be far brighter than the whole photo (mean {Mean(photo):0})");
    }

    [Fact]
    public void The_card_readers_own_finding_gives_the_quad_the_crop_is_made_from()
    {
        // The fixture plants readings from ground truth; here the real reader (Athar.Cards) reads one photo, and its
        // finding's quad, parsed as the web app parses it, must lie on the true card corners.
        var file = fixture.Truth.Files.First(f => f.Kind == "original" && f.CardQuad is { Count: 4 });
        var item = new Athar.Web.Catalog.WebCatalog(Options.Create(new AtharWebOptions { Archive = fixture.Archive })).Item(file.Sha256)!;
        var bytes = File.ReadAllBytes(Athar.Web.Catalog.OriginalFiles.PathOf(fixture.Archive, item));
        var finding = Athar.Forensics.Analyzers.CardReadingAnalyzer.ToFinding(Athar.Cards.Reading.CardReader.Default.Read(bytes));
        var quad = CardCrops.Quad(finding.Data);
        Assert.NotNull(quad);
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = quad[i];
            var distance = Math.Sqrt(Math.Pow(x - file.CardQuad![i][0], 2) + Math.Pow(y - file.CardQuad[i][1], 2));
            Assert.True(distance < 40, $"corner {i}: read ({x:0},{y:0}), true ({file.CardQuad[i][0]:0},{file.CardQuad[i][1]:0})");
        }
    }

    [Fact]
    public void The_rate_counts_the_last_hour_over_the_time_since_its_first_confirmation()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var rate = QueueRate.Compute([now.AddMinutes(-30), now.AddMinutes(-20), now.AddMinutes(-10), now.AddHours(-3)], now);
        Assert.Equal((3, 6.0, 4), (rate.LastHour, rate.PerHour, rate.Total));
        Assert.Equal(12.0, QueueRate.Compute([now.AddMinutes(-1)], now).PerHour); // at least 5 minutes
        Assert.Equal(0, QueueRate.Compute([], now).PerHour);
    }

    private static double Mean(ImageBuffer grey)
    {
        double sum = 0;
        for (var y = 0; y < grey.Height; y++) foreach (var v in grey.Row(y)) sum += v;
        return sum / (grey.Width * grey.Height);
    }
}
