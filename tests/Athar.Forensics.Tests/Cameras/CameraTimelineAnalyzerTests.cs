using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Cameras;
using Athar.Synth;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Cameras;

public sealed class CameraTimelineAnalyzerTests(ITestOutputHelper output)
{
    private static readonly CameraTimelineAnalyzer Analyzer = new();

    private static ArchiveAnalysisOutput Run(params ArchiveItemFacts[] items) => Analyzer.Analyze(items, CancellationToken.None);

    private static IReadOnlyList<Finding> Of(ArchiveAnalysisOutput result, string id) => result.Findings.TryGetValue(id, out var f) ? f : [];

    private static IEnumerable<string> Codes(ArchiveAnalysisOutput result, string id) => Of(result, id).Where(f => f.Code != CameraTimelineAnalyzer.Identity).Select(f => f.Code);

    /// <summary>A Nikon shooting a photo a minute, numbered from <paramref name="folder"/>/<paramref name="first"/>, DCF wrap included.</summary>
    private static List<ArchiveItemFacts> Sequence(int count, int folder = 100, int first = 1, string serial = "3001", DateTime? start = null, string prefix = "n")
    {
        var items = new List<ArchiveItemFacts>();
        var time = start ?? new DateTime(2011, 5, 15, 8, 0, 0);
        for (var i = 0; i < count; i++)
        {
            items.Add(CameraFacts.Item($"{prefix}{i:D4}", $"d/DCIM/{folder}NIKON/DSCN{first:D4}.JPG", "NIKON", "COOLPIX P50", serial, Iso(time), (i % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture)));
            time = time.AddMinutes(1);
            if (++first > 9999) { first = 1; folder++; }
        }
        return items;
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Every_item_with_a_camera_gets_its_identity_and_a_clean_sequence_across_the_dcf_wrap_gets_nothing_else()
    {
        var items = Sequence(30, folder: 100, first: 9985);
        items.Add(CameraFacts.Item("z-no-camera", "d/notes/scan.jpg", null, null, null, "2011-05-15T09:00:00"));
        var result = Run([.. items]);
        Assert.False(result.Findings.ContainsKey("z-no-camera"));
        foreach (var item in items.SkipLast(1))
        {
            var identity = Assert.Single(Of(result, item.ItemId));
            Assert.Equal(CatalogedFindingCodes.CameraIdentity, identity.Code);
            Assert.Equal(Severity.Info, identity.Severity);
            Assert.Equal("NIKON COOLPIX P50 #3001", identity.Data["label"]!.GetValue<string>());
            Assert.StartsWith("cam-", identity.Data["camera"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("serial", identity.Data["basis"]!.GetValue<string>());
        }
        var camera = (JsonObject)result.Summary["cameras"]![0]!;
        Assert.Equal(30, camera["items"]!.GetValue<int>());
        Assert.Equal("100NIKON/DSCN9985.JPG", camera["numbering"]!["first"]!.GetValue<string>());
        Assert.Equal("101NIKON/DSCN0015.JPG", camera["numbering"]!["last"]!.GetValue<string>());
        Assert.Equal("2011-05-15T08:00:00", camera["active"]!["first"]!.GetValue<string>());
    }

    [Fact]
    public void Without_the_folder_increment_a_wrap_reads_as_time_going_backwards()
    {
        // The same shots with the folder left at 100: after the wrap DSCN0001 sorts before DSCN9985 but was taken later.
        var items = Sequence(30, folder: 100, first: 9985).Select(i => i with { Paths = [i.Paths[0].Replace("101NIKON", "100NIKON", StringComparison.Ordinal)] }).ToArray();
        var result = Run(items);
        Assert.Contains(items, i => Codes(result, i.ItemId).Contains(CameraTimelineAnalyzer.TimeBackwards));
    }

    [Fact]
    public void A_clock_reset_in_the_middle_of_a_sequence_is_a_warning_on_every_affected_photo_and_nothing_else()
    {
        var items = Sequence(60);
        var reset = new DateTime(2000, 1, 1, 0, 0, 0);
        for (var i = 20; i < 30; i++)
        {
            var summary = (JsonObject)items[i].Facts["exif.summary"].DeepClone();
            summary["dateTimeOriginal"]!["value"] = Iso(reset.AddMinutes(i - 20));
            items[i] = WithSummary(items[i], summary);
        }
        var result = Run([.. items]);
        for (var i = 0; i < items.Count; i++)
        {
            var warnings = Of(result, items[i].ItemId).Where(f => f.Severity >= Severity.Warning).Select(f => f.Code).ToList();
            if (i is >= 20 and < 30)
            {
                Assert.Contains(CameraTimelineAnalyzer.TimeOutOfOrder, warnings);
                Assert.Contains(CameraTimelineAnalyzer.ClockReset, warnings);
            }
            else Assert.Empty(warnings);
        }
    }

    [Fact]
    public void Two_bodies_without_serials_merged_by_their_signature_are_checked_card_by_card()
    {
        // Same model, same tables, no serial: one signature cluster. Each body numbers and clocks on its own (the
        // second one's clock is 3 days behind and its numbers overlap the first one's); one clock reset on card B.
        List<ArchiveItemFacts> Body(string card, int first, DateTime start, string prefix) => [.. Enumerable.Range(0, 40).Select(i =>
            CameraFacts.Item($"{prefix}{i:D2}", $"{card}/DCIM/100NIKON/DSCN{first + i:D4}.JPG", "NIKON", "COOLPIX P50", null,
                Iso(start.AddMinutes(2 * i)), (i * 7 % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), signature: "p50-fine"))];
        var a = Body("card-a", 100, new DateTime(2011, 5, 15, 8, 0, 0), "a");
        var b = Body("card-b", 110, new DateTime(2011, 5, 12, 8, 1, 0), "b");
        SetTime(b, 20, "2000-01-01T00:00:00", "11");
        var result = Run([.. a, .. b]);
        Assert.Equal(Of(result, "a00")[0].Data["camera"]!.GetValue<string>(), Of(result, "b00")[0].Data["camera"]!.GetValue<string>());
        Assert.Equal("signature", Of(result, "a00")[0].Data["basis"]!.GetValue<string>());
        var warned = a.Concat(b).Where(i => Of(result, i.ItemId).Any(f => f.Severity >= Severity.Warning)).Select(i => i.ItemId).ToList();
        Assert.Equal(["b20"], warned);
    }

    [Fact]
    public void A_camera_restarting_its_numbering_on_each_card_is_not_flagged()
    {
        // One body, two cards used on consecutive days, each numbered from DSCN0001 ("auto reset").
        var first = Sequence(30, serial: "5", start: new DateTime(2011, 5, 15, 8, 0, 0), prefix: "x");
        var second = Sequence(30, serial: "5", start: new DateTime(2011, 5, 17, 8, 0, 0), prefix: "y")
            .Select(i => i with { Paths = [i.Paths[0].Replace("d/DCIM", "card2/DCIM", StringComparison.Ordinal)] }).ToList();
        var result = Run([.. first, .. second]);
        Assert.All(first.Concat(second), i => Assert.DoesNotContain(Of(result, i.ItemId), f => f.Severity >= Severity.Warning));
    }

    [Fact]
    public void A_jump_back_of_days_against_the_numbering_is_a_warning_and_a_daylight_saving_hour_a_notice()
    {
        var items = Sequence(40);
        Shift(items, 10, 13, TimeSpan.FromDays(-5));
        Shift(items, 25, 40, TimeSpan.FromHours(-1).Add(TimeSpan.FromMinutes(-5)));
        var result = Run([.. items]);
        Assert.All(items.Take(10), i => Assert.Empty(Codes(result, i.ItemId)));
        Assert.Contains(Of(result, items[10].ItemId), f => f.Code == CameraTimelineAnalyzer.TimeBackwards && f.Severity == Severity.Warning);
        var dst = Assert.Single(Of(result, items[25].ItemId), f => f.Code == CameraTimelineAnalyzer.TimeBackwards);
        Assert.Equal(Severity.Notice, dst.Severity);
    }

    private static void Shift(List<ArchiveItemFacts> items, int from, int to, TimeSpan by)
    {
        for (var i = from; i < to; i++)
        {
            var summary = (JsonObject)items[i].Facts["exif.summary"].DeepClone();
            var value = DateTime.Parse(summary["dateTimeOriginal"]!["value"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            summary["dateTimeOriginal"]!["value"] = Iso(value + by);
            items[i] = WithSummary(items[i], summary);
        }
    }

    [Fact]
    public void A_shutter_count_that_runs_against_the_clock_is_a_warning()
    {
        var items = Enumerable.Range(0, 10).Select(i => CameraFacts.Item($"s{i}", $"renamed/{i}.jpg", "NIKON", "D90", "9",
            Iso(new DateTime(2011, 5, 15, 8, 0, 0).AddMinutes(i)), shutterCount: 5000 + i)).ToList();
        items[7] = CameraFacts.Item("s7", "renamed/7.jpg", "NIKON", "D90", "9", "2011-05-12T08:00:00", shutterCount: 5007);
        var result = Run([.. items]);
        Assert.Equal(["s7"], items.Where(i => Codes(result, i.ItemId).Contains(CameraTimelineAnalyzer.ShutterOutOfOrder)).Select(i => i.ItemId));
        Assert.All(items.Where(i => i.ItemId != "s7"), i => Assert.Empty(Codes(result, i.ItemId)));
    }

    [Fact]
    public void Identical_time_stamps_far_apart_in_the_numbering_are_a_warning_but_bursts_are_not()
    {
        var items = Sequence(40);
        // 5 and 6: same second, different sub-seconds (a burst). 30 copies 10's time and sub-second exactly.
        SetTime(items, 6, "2011-05-15T08:05:00", "57");
        SetTime(items, 30, "2011-05-15T08:10:00", "10");
        var result = Run([.. items]);
        Assert.Empty(Codes(result, items[5].ItemId));
        Assert.Empty(Codes(result, items[6].ItemId));
        Assert.Contains(Of(result, items[10].ItemId), f => f.Code == CameraTimelineAnalyzer.DuplicateTime && f.Severity == Severity.Warning);
        Assert.Contains(Of(result, items[30].ItemId), f => f.Code == CameraTimelineAnalyzer.DuplicateTime && f.Severity == Severity.Warning);
    }

    /// <summary>The item with its metadata summary replaced and its other facts (the signature) kept.</summary>
    private static ArchiveItemFacts WithSummary(ArchiveItemFacts item, JsonObject summary)
        => item with { Facts = new Dictionary<string, JsonObject>(item.Facts) { ["exif.summary"] = summary } };

    private static void SetTime(List<ArchiveItemFacts> items, int i, string time, string subSecond)
    {
        var summary = (JsonObject)items[i].Facts["exif.summary"].DeepClone();
        summary["dateTimeOriginal"] = new JsonObject { ["raw"] = time, ["subSecond"] = subSecond, ["value"] = $"{time}.{subSecond}" };
        items[i] = WithSummary(items[i], summary);
    }

    [Fact]
    public void A_camera_that_appears_once_is_reported_and_a_foreign_one_in_another_cameras_folder_is_a_warning()
    {
        var items = Sequence(40);
        var once = CameraFacts.Item("once", "d/DCIM/100NIKON/IMG_0042.JPG", "Canon", "Canon EOS 400D DIGITAL", "1234", "2011-05-15T08:20:30");
        var elsewhere = CameraFacts.Item("elsewhere", "other/phone/IMG_0007.JPG", "SAMSUNG", "GT-S5830", "77", "2011-05-15T08:21:30");
        var result = Run([.. items, once, elsewhere]);
        Assert.Contains(Of(result, "once"), f => f.Code == CameraTimelineAnalyzer.Single && f.Severity == Severity.Notice);
        var foreign = Assert.Single(Of(result, "once"), f => f.Code == CameraTimelineAnalyzer.Foreign);
        Assert.Equal(Severity.Warning, foreign.Severity);
        Assert.Equal("d/DCIM/100NIKON", foreign.Data["folder"]!.GetValue<string>());
        // Same period, own folder: a second camera in use at the time, not flagged above a notice.
        Assert.DoesNotContain(Of(result, "elsewhere"), f => f.Severity >= Severity.Warning);
        Assert.Contains(Of(result, "elsewhere"), f => f.Code == CameraTimelineAnalyzer.Unfamiliar);
        Assert.Equal(2, result.Summary["appearOnce"]!.GetValue<int>());
        Assert.Equal(1, result.Summary["foreignItems"]!.GetValue<int>());
    }

    [Fact]
    public void A_stray_camera_with_more_photos_scattered_over_years_does_not_become_the_reference()
    {
        var items = Sequence(40);
        var stray = Enumerable.Range(0, 60).Select(i => CameraFacts.Item($"s{i:D2}", $"x/DCIM/100PHOTO/SAM_{i + 1:D4}.JPG", "SAMSUNG", "GT-S5830", "77",
            Iso(new DateTime(2004, 1, 1, 12, 0, 0).AddDays(40 * i)))).ToList();
        var result = Run([.. items, .. stray]);
        Assert.Equal(Of(result, items[0].ItemId)[0].Data["camera"]!.GetValue<string>(), result.Summary["principal"]!.GetValue<string>());
        Assert.All(items, i => Assert.Empty(Codes(result, i.ItemId)));
        Assert.All(stray, i => Assert.Contains(Of(result, i.ItemId), f => f.Code == CameraTimelineAnalyzer.Foreign && f.Severity == Severity.Warning));
    }

    [Fact]
    public void A_pile_of_single_photos_from_many_cameras_has_no_main_camera_and_no_foreign_one()
    {
        var items = Enumerable.Range(0, 30).Select(i => CameraFacts.Item($"i{i:D2}", $"set/{i}.jpg", "Make" + i, "Model" + i, null, $"20{i % 10:D2}-0{1 + i % 9}-11T10:00:00", signature: "sig" + i)).ToArray();
        var result = Run(items);
        Assert.All(items, i => Assert.DoesNotContain(Of(result, i.ItemId), f => f.Severity >= Severity.Warning));
        Assert.All(items, i => Assert.Equal("signature", Of(result, i.ItemId)[0].Data["basis"]!.GetValue<string>()));
        Assert.Null(result.Summary["principal"]);
    }

    [Fact]
    public void No_genuine_camera_original_is_flagged()
    {
        var facts = CameraFacts.FromFiles(Directory.EnumerateFiles(TestData.CameraOriginals)
            .Where(p => p.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
            .Select(p => ("camera-originals/" + Path.GetFileName(p), File.ReadAllBytes(p))));
        var result = Analyzer.Analyze(facts, CancellationToken.None);
        var flagged = facts.Where(i => Of(result, i.ItemId).Any(f => f.Severity >= Severity.Warning)).ToList();
        foreach (var item in facts)
            foreach (var f in Of(result, item.ItemId).Where(f => f.Code != CameraTimelineAnalyzer.Identity))
                output.WriteLine($"{item.Paths[0]}: {f.Code} {f.Severity.ToText()}");
        output.WriteLine($"{result.Summary["withCamera"]} of {facts.Count} items with a camera, {result.Summary["cameraCount"]} cameras; {flagged.Count} flagged at warning or above");
        Assert.True(result.Summary["withCamera"]!.GetValue<int>() >= 70);
        Assert.True(flagged.Count <= facts.Count * 0.02, $"{flagged.Count} of {facts.Count} genuine originals flagged");
    }
}
