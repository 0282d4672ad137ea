using Athar.Core.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Imaging.Jpeg;

namespace Athar.Forensics.Tests.Analyzers;

public sealed class MetadataAnalyzerTests
{
    private readonly MetadataAnalyzer _analyzer = new();

    [Fact]
    public void A_camera_file_gets_a_summary_with_the_normalized_fields_and_a_dump_digest()
    {
        var findings = AnalyzerFixtures.Run(_analyzer, AnalyzerFixtures.WithExif(AnalyzerFixtures.Camera));
        var summary = Assert.Single(findings);
        Assert.Equal(MetadataAnalyzer.Summary, summary.Code);
        Assert.Equal(Severity.Info, summary.Severity);
        Assert.Equal("Canon", summary.Data["make"]!.GetValue<string>());
        Assert.Equal("2013:05:14 10:21:07", summary.Data["dateTimeOriginal"]!["raw"]!.GetValue<string>());
        Assert.Equal(64, summary.Data["dumpDigest"]!.GetValue<string>().Length);
        Assert.Null(summary.Data["tags"]); // the dump itself stays out of the finding
    }

    [Fact]
    public void A_stripped_jpeg_is_a_warning_and_other_metadata_without_exif_a_notice()
    {
        var stripped = JpegSegments.StripMetadata(AnalyzerFixtures.WithExif(AnalyzerFixtures.Camera));
        Assert.Contains(AnalyzerFixtures.Run(_analyzer, stripped), f => f.Code == MetadataAnalyzer.Stripped && f.Severity == Severity.Warning);

        var comment = JpegSegments.Build(0xFE, "scanned by the lab"u8);
        var withComment = JpegSegments.Rewrite(stripped, _ => false, comment);
        var findings = AnalyzerFixtures.Run(_analyzer, withComment);
        Assert.Contains(findings, f => f.Code == MetadataAnalyzer.Missing && f.Severity == Severity.Notice);
        Assert.DoesNotContain(findings, f => f.Code == MetadataAnalyzer.Stripped);
    }

    [Fact]
    public void Unreadable_bytes_are_a_notice_not_a_crash()
    {
        var findings = AnalyzerFixtures.Run(_analyzer, [0xFF, 0xD8, 0xFF, 0xE1, 0x00]);
        Assert.All(findings, f => Assert.True(f.Severity <= Severity.Notice));
    }

    // Camera originals: no stripped warning on any (Casio QV-7000SX, 1997, has no EXIF but a JFIF
    // thumbnail or other APPn, so it gets the notice). Olympus μ Digital 800.JPG is an empty file in the
    // test data and gets exif.unreadable (notice).
    [Fact]
    public void No_camera_original_gets_a_warning()
        => Assert.Empty(AnalyzerFixtures.WarningsOnCameraOriginals(_analyzer));
}
