using Athar.Forensics.Analysis;
using Athar.Forensics.Metadata;
using Athar.Forensics.Tests.Analyzers;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Metadata;

public sealed class MetadataExtractionTests
{
    public static TheoryData<string> DumpFiles =>
    [
        "Canon IXUS 300.jpg", "Nikon D1X.jpg", "Apple iPhone 4.jpg", "FujiFilm FinePix40i.jpg", "Sony DSC-P12.jpg",
        "Olympus C3030Z.jpg", "Pentax ist D.jpg", "Issue 600 (2).jpg", "Casio QV-7000SX.jpg", "Panasonic DMC-LC33 (Lumix).jpg",
    ];

    // The dumps were printed by MetadataExtractor's own tool from a file path; reading from a stream there is
    // no "File" directory (name, size, file time), so those lines are left out of the comparison. XMP
    // properties are printed by that tool as "[XMPMeta - ns]" lines, compared separately.
    [Theory]
    [MemberData(nameof(DumpFiles))]
    public void Dump_lines_match_metadata_extractors_own_dump(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, name));
        var extraction = MetadataExtraction.Read(bytes);
        Assert.Null(extraction.Error);
        var expected = File.ReadAllLines(Path.Combine(TestData.CameraOriginals, "dumps", name + ".txt"), System.Text.Encoding.UTF8)
            .Where(l => l.StartsWith('[') && !l.StartsWith("[File - ", StringComparison.Ordinal) && !l.StartsWith("[XMPMeta", StringComparison.Ordinal)
                        && !l.StartsWith("[ERROR", StringComparison.Ordinal))
            .ToList();
        var actual = extraction.Tags.Where(t => t.Directory != "File").Select(t => t.ToDumpLine()).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            if (!SameLine(expected[i], actual[i])) Assert.True(KnownVersionDifference(expected[i], actual[i]), $"line {i}: expected {expected[i]}, got {actual[i]}");
        var expectedXmp = File.ReadAllLines(Path.Combine(TestData.CameraOriginals, "dumps", name + ".txt"))
            .Where(l => l.StartsWith("[XMPMeta", StringComparison.Ordinal)).ToList();
        var actualXmp = extraction.Xmp.Select(p => $"[XMPMeta - {p.Namespace}] {p.Path} = {p.Value}").ToList();
        Assert.Equal(expectedXmp.Count, actualXmp.Count);
        for (var i = 0; i < expectedXmp.Count; i++) Assert.True(SameLine(expectedXmp[i], actualXmp[i]), $"XMP line {i}: expected {expectedXmp[i]}, got {actualXmp[i]}");
    }

    // The dumps come from a later MetadataExtractor than the 2.4.3 Athar pins. Three descriptions changed
    // between them, and only these are tolerated: the EXIF thumbnail offset (later versions count from the
    // APP1 payload, 6 bytes further), ICC Profile tag names ("Copyright" became "Profile Copyright", etc.)
    // and the APEX shutter-speed rounding ("1/7 sec" became "1/8 sec"). Tag ids must still agree.
    // The dump tool cuts long values: "first part <truncated from 1557 characters>".
    private static bool SameLine(string expected, string actual)
    {
        var cut = expected.LastIndexOf(" <truncated from ", StringComparison.Ordinal);
        return cut < 0 ? expected == actual : actual.StartsWith(expected[..cut], StringComparison.Ordinal);
    }

    private static bool KnownVersionDifference(string expected, string actual)
    {
        static string Key(string line) => line[..(line.IndexOf(']', StringComparison.Ordinal) + 1)];
        if (Key(expected) != Key(actual)) return false;
        return Key(expected) is "[Exif Thumbnail - 0x0201]" or "[Exif SubIFD - 0x9201]" || expected.StartsWith("[ICC Profile - ", StringComparison.Ordinal);
    }

    [Fact]
    public void Normalized_fields_of_a_canon_original()
    {
        var m = MetadataExtraction.Read(File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, "Canon IXUS 300.jpg"))).Normalized;
        Assert.Equal("Canon", m.Make);
        Assert.Equal("Canon DIGITAL IXUS 300", m.Model);
        Assert.Equal("2001:08:09 23:08:34", m.DateTimeOriginal!.Raw);
        Assert.Equal(new DateTime(2001, 8, 9, 23, 8, 34), m.DateTimeOriginal.Local);
        Assert.Equal(m.DateTimeOriginal.Local, m.DateTimeDigitized!.Local);
        Assert.Equal((1600, 1200), (m.ExifWidth, m.ExifHeight));
        Assert.Equal((1600, 1200), (m.FrameWidth, m.FrameHeight));
        Assert.Equal(1, m.Orientation);
        Assert.True(m.HasExif);
        Assert.Null(m.Gps);
    }

    [Fact]
    public void Gps_position_and_time_are_read()
    {
        var file = Directory.EnumerateFiles(Path.Combine(TestData.ExifSamples, "jpg", "gps")).Order(StringComparer.Ordinal).First(p => p.EndsWith("DSCN0010.jpg", StringComparison.Ordinal));
        var gps = MetadataExtraction.Read(File.ReadAllBytes(file)).Normalized.Gps;
        Assert.NotNull(gps);
        Assert.InRange(gps.Latitude!.Value, 43.4, 43.5); // Arezzo area, per the sample set's README
        Assert.InRange(gps.Longitude!.Value, 11.8, 11.9);
        Assert.NotNull(gps.Utc);
    }

    [Fact]
    public void Garbage_and_broken_files_give_errors_never_exceptions()
    {
        Assert.NotNull(MetadataExtraction.Read("not an image at all"u8.ToArray()).Error);
        Assert.NotNull(MetadataExtraction.Read(Array.Empty<byte>()).Error);
        foreach (var path in Directory.EnumerateFiles(TestData.Robustness, "*", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(Path.Combine(TestData.ExifSamples, "jpg", "invalid"))))
            _ = MetadataExtraction.Read(File.ReadAllBytes(path)).Normalized.ToJson();
    }

    [Fact]
    public void The_cache_extracts_once_per_item_and_the_digest_is_stable()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, "Nikon D1X.jpg"));
        using var context = AnalyzerFixtures.Context(bytes);
        using var other = AnalyzerFixtures.Context(bytes);
        Assert.Same(MetadataCache.For(context), MetadataCache.For(context));
        Assert.NotSame(MetadataCache.For(context), MetadataCache.For(other));
        Assert.Equal(MetadataCache.For(context).DumpDigest, MetadataCache.For(other).DumpDigest);
        Assert.Equal(64, MetadataCache.For(context).DumpDigest.Length);
    }

    [Fact]
    public void Exif_times_parse_with_subseconds_offsets_and_placeholders()
    {
        var t = ExifTime.Parse("2020:02:29 13:14:15", "25", "+05:45")!;
        Assert.Equal(new DateTime(2020, 2, 29, 13, 14, 15, 250), t.Local);
        Assert.Equal(new TimeSpan(5, 45, 0), t.OffsetValue);
        Assert.Null(ExifTime.Parse("0000:00:00 00:00:00", null, null));
        Assert.Null(ExifTime.Parse("    :  :     :  :  ", null, null));
        Assert.True(ExifTime.Parse("2020:13:45 99:00:00", null, null)!.IsMalformed);
    }
}
