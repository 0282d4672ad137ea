using System.Globalization;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Imaging.Exif;
using Athar.Imaging.Raster;
using Athar.Synth;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Analyzers;

/// <summary>
/// The thumbnail check against genuine camera files (it must not cry wolf) and synthetic re-saved photos (it
/// must catch them). Each test prints its distances: these are the calibration numbers in docs/analyzers.md.
/// </summary>
public sealed class ThumbnailConsistencyAnalyzerTests(ITestOutputHelper output)
{
    /// <summary>
    /// Camera originals whose thumbnail rightly does not fit. Panasonic DMC-LC70: the preview shows another shot of
    /// the same rose, framed differently: image and preview are not from the same exposure. Olympus C3030Z: the image is 141x116, a resized copy
    /// (no camera writes that size) in another shape than its 4:3 preview.
    /// </summary>
    private static readonly Dictionary<string, string> KnownMismatches = new()
    {
        ["Panasonic DMC-LC70 (Lumix).jpg"] = "thumbnail.mismatch",
        ["Olympus C3030Z.jpg"] = "thumbnail.aspect-mismatch",
    };

    private static IReadOnlyList<Finding> Analyze(byte[] bytes)
    {
        using var item = new ItemContext("test", "image/jpeg", bytes);
        return new ThumbnailConsistencyAnalyzer().Analyze(item);
    }

    private static string Describe(Finding f) =>
        $"{f.Code} d={f.Data["distance"]} best={f.Data["bestDistance"]} s={f.Data["scale"]} dx={f.Data["shiftX"]} dy={f.Data["shiftY"]}";

    [Fact]
    public void Camera_originals_pass_except_the_known_altered_ones()
    {
        var unexpected = new List<string>();
        var distances = new List<double>();
        var checkedCount = 0;
        var all = Directory.EnumerateFiles(TestData.CameraOriginals, "*.jpg", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive });
        foreach (var path in all.Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var findings = Analyze(File.ReadAllBytes(path));
            if (findings.Count == 0) continue; // no thumbnail, or an undecodable image
            checkedCount++;
            output.WriteLine($"{name}: {string.Join("; ", findings.Select(Describe))}");
            distances.Add(findings[0].Data["distance"]!.GetValue<double>());
            var worst = findings.MaxBy(f => f.Severity)!;
            var expected = KnownMismatches.GetValueOrDefault(name);
            if (worst.Severity >= Severity.Warning && worst.Code != expected) unexpected.Add($"{name}: {Describe(worst)}");
            if (expected is not null && worst.Code != expected) unexpected.Add($"{name}: expected {expected}, got {worst.Code}");
        }
        distances.Sort();
        output.WriteLine($"{checkedCount} compared; as-stored distance p50 {distances[distances.Count / 2]:0.000}, p90 {distances[distances.Count * 9 / 10]:0.000}, max {distances[^1]:0.000}");
        Assert.True(checkedCount >= 50, $"only {checkedCount} camera originals had a comparable thumbnail");
        Assert.Empty(unexpected);
    }

    [Fact]
    public void Lossless_rotation_by_a_viewer_is_a_notice_not_a_mismatch()
    {
        // Stored 384x512 with the camera's 160x120 preview: turned after the camera, preview left as it was.
        var findings = Analyze(File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, "Minolta DiMAGE 5.jpg")));
        var finding = Assert.Single(findings);
        Assert.Equal("thumbnail.rotated", finding.Code);
        Assert.Equal(Severity.Notice, finding.Severity);
    }

    [Fact]
    public void Synthetic_resaved_photos_are_caught_and_their_untouched_neighbours_pass()
    {
        using var temp = new TempDirectory("thumb");
        var result = SynthGenerator.Generate(new SynthOptions
        {
            OutputDirectory = temp.Path, Photos = 24, Cameras = 2, Drives = 1, Width = 320, Height = 240,
            AnomalyRate = 0.5, AnomalyTypes = [AnomalyType.Resaved], Seed = 11, CopyRate = 0, NearDuplicateRate = 0,
        }, cancel: TestContext.Current.CancellationToken);
        var (resaved, caught, clean, passed) = (0, 0, 0, 0);
        foreach (var file in result.GroundTruth.Files.Where(f => f.Kind == "original"))
        {
            var isResaved = file.Anomalies.Any(a => a.Type == "resaved");
            var findings = Analyze(File.ReadAllBytes(temp.Combine(file.Path)));
            output.WriteLine($"{(isResaved ? "resaved" : "clean  ")} {file.Path}: {string.Join("; ", findings.Select(Describe))}");
            if (isResaved)
            {
                resaved++;
                if (findings.Any(f => f.Code == "thumbnail.mismatch" && f.Severity == Severity.Alert)) caught++;
            }
            else
            {
                clean++;
                if (findings is [{ Code: "thumbnail.consistent", Severity: Severity.Info }]) passed++;
            }
        }
        output.WriteLine($"resaved caught {caught}/{resaved}; clean passed {passed}/{clean}");
        Assert.True(resaved >= 5 && clean >= 5, $"{resaved} resaved and {clean} clean photos: too few to judge");
        Assert.Equal(clean, passed);
        Assert.Equal(resaved, caught);
    }

    [Fact]
    public void A_file_without_a_thumbnail_gives_nothing()
    {
        var path = Directory.EnumerateFiles(TestData.CameraOriginals, "*.jpg").Order(StringComparer.Ordinal)
            .First(p => ExifThumbnail.Extract(File.ReadAllBytes(p)) is null);
        Assert.Empty(Analyze(File.ReadAllBytes(path)));
    }

    [Fact]
    public void An_undecodable_thumbnail_is_a_notice()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, "Canon IXUS.jpg"));
        var thumbnail = ExifThumbnail.Extract(bytes)!;
        var at = bytes.AsSpan().IndexOf(thumbnail);
        Assert.True(at > 0);
        bytes.AsSpan(at, Math.Min(64, thumbnail.Length)).Fill(0x5A); // no SOI, no tables: not a JPEG any more
        var finding = Assert.Single(Analyze(bytes));
        Assert.Equal("thumbnail.undecodable", finding.Code);
        Assert.Equal(Severity.Notice, finding.Severity);
    }

    [Fact]
    public void A_thumbnail_claiming_a_huge_size_is_not_decoded()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, "Canon IXUS.jpg"));
        var thumbnail = ExifThumbnail.Extract(bytes)!;
        var at = bytes.AsSpan().IndexOf(thumbnail);
        var sof = thumbnail.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        Assert.True(at > 0 && sof > 0);
        ReadOnlySpan<byte> size = [0x4E, 0x20, 0x4E, 0x20]; // height and width 20000: libjpeg-turbo would allocate 400 MB
        size.CopyTo(bytes.AsSpan(at + sof + 5));
        var finding = Assert.Single(Analyze(bytes));
        Assert.Equal("thumbnail.undecodable", finding.Code);
        Assert.Contains("20000x20000", finding.Data["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Letterbox_bars_are_cropped_only_where_the_image_shape_predicts_them()
    {
        // A 160x120 preview of a 3:2 image: 107 rows of picture between bars of 7 and 6 rows.
        using var thumbnail = ImageBuffer.Create(160, 120, PixelLayout.Gray8);
        for (var y = 7; y < 114; y++)
        {
            var row = thumbnail.Row(y);
            for (var x = 0; x < 160; x++) row[x] = (byte)(60 + (x * 7 + y * 3) % 150);
        }
        var (content, letterboxed) = ThumbnailComparison.FindContent(thumbnail, 1.5);
        Assert.True(letterboxed);
        Assert.Equal(new RectI(0, 7, 160, 107), content);
        // The same dark rows in a 4:3 preview of a 4:3 image are picture (a night sky), not bars.
        Assert.False(ThumbnailComparison.FindContent(thumbnail, 4.0 / 3).Letterboxed);
    }

    [Fact]
    public void Rotate_turns_clockwise()
    {
        using var image = ImageBuffer.Create(3, 2, PixelLayout.Gray8);
        image.Row(0)[0] = 1; image.Row(0)[1] = 2; image.Row(0)[2] = 3;
        image.Row(1)[0] = 4; image.Row(1)[1] = 5; image.Row(1)[2] = 6;
        using var turned = ThumbnailComparison.Rotate(image, 90);
        Assert.Equal((2, 3), (turned.Width, turned.Height));
        Assert.Equal(string.Join(",", new[] { "4 1", "5 2", "6 3" }),
            string.Join(",", Enumerable.Range(0, 3).Select(y => string.Create(CultureInfo.InvariantCulture, $"{turned.Row(y)[0]} {turned.Row(y)[1]}"))));
    }
}
