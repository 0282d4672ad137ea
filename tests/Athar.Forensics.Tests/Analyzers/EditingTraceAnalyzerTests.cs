using Athar.Core.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Imaging.Exif;
using Athar.Imaging.Jpeg;

namespace Athar.Forensics.Tests.Analyzers;

public sealed class EditingTraceAnalyzerTests(ITestOutputHelper output)
{
    private readonly EditingTraceAnalyzer _analyzer = new();

    // Files in camera-originals that really carry an editor's trace (checked by hand in their dumps):
    // EXIF Software or XMP CreatorTool of Photoshop, Lightroom, GIMP or paint.net, or a Photoshop APP13
    // image-resource block. They are in the set because metadata-extractor collects odd files, not
    // because they are untouched; every other file must stay below warning.
    private static readonly Dictionary<string, string> KnownEdited = new()
    {
        ["Canon EOS D60.jpg"] = EditingTraceAnalyzer.Software,          // Software "Adobe Photoshop 7.0"
        ["FujiFilm FinePixS1Pro (2).jpg"] = EditingTraceAnalyzer.Software,
        ["FujiFilm FinePixS1Pro (4).jpg"] = EditingTraceAnalyzer.Software,
        ["FujiFilm FinePixS2Pro.jpg"] = EditingTraceAnalyzer.Software,
        ["Issue 154.jpg"] = EditingTraceAnalyzer.Software,              // CreatorTool "Adobe Photoshop CS5 Macintosh"
        ["Issue 508.jpg"] = EditingTraceAnalyzer.Software,              // "paint.net 4.2.13"
        ["Issue 600 (2).jpg"] = EditingTraceAnalyzer.Software,          // "GIMP 2.10.32"
        ["Olympus FE230-X790.jpg"] = EditingTraceAnalyzer.Software,     // CreatorTool "Adobe Photoshop Lightroom"
        ["issue 121.jpg"] = EditingTraceAnalyzer.Software,              // "Adobe Photoshop CS5 Macintosh"
        ["Issue 125.jpg"] = EditingTraceAnalyzer.PhotoshopIrb,
        ["Issue 242.jpg"] = EditingTraceAnalyzer.PhotoshopIrb,
        ["Issue 614.jpg"] = EditingTraceAnalyzer.PhotoshopIrb,
        ["Nikon D1X.jpg"] = EditingTraceAnalyzer.PhotoshopIrb,
        ["Nikon E885.jpg"] = EditingTraceAnalyzer.PhotoshopIrb,
        ["Panasonic DMC-LC70 (Lumix).jpg"] = EditingTraceAnalyzer.PhotoshopIrb,
        ["Photoshop (2).jpg"] = EditingTraceAnalyzer.PhotoshopIrb,
        ["Sony Cybershot (4).jpg"] = EditingTraceAnalyzer.PhotoshopIrb,
        ["Sony Cybershot (6).jpg"] = EditingTraceAnalyzer.PhotoshopIrb,
    };

    [Fact]
    public void Only_camera_originals_with_a_real_editor_trace_get_a_warning_or_alert()
    {
        var flagged = AnalyzerFixtures.WarningsOnCameraOriginals(_analyzer);
        foreach (var f in flagged) output.WriteLine($"{f.File}: {f.Code} {f.Severity}");
        Assert.Equal(KnownEdited.Keys.Order(StringComparer.Ordinal), flagged.Select(f => f.File).Distinct().Order(StringComparer.Ordinal));
        foreach (var (file, code) in KnownEdited) Assert.Contains(flagged, f => f.File == file && f.Code == code);
    }

    [Theory]
    [InlineData("Ver.1.00"), InlineData("COOLPIX P50V1.0"), InlineData("Digital Camera FinePix40i Ver1.39"), InlineData("E885v1.0")]
    [InlineData("fw 05.15 prm 07.53"), InlineData("*ist D      Ver 1.10"), InlineData("M4021M-1006"), InlineData("4.1"), InlineData("Kodak Digital Central Lab System")]
    public void Firmware_strings_match_no_fingerprint(string software) => Assert.Null(EditorFingerprints.Match(software));

    [Theory]
    [InlineData("Adobe Photoshop CS6 (Windows)", "Adobe Photoshop"), InlineData("GIMP 2.10.32", "GIMP"), InlineData("paint.net 4.2.13", "Paint.NET")]
    [InlineData("Adobe Photoshop Lightroom Classic 12.0", "Adobe Photoshop Lightroom"), InlineData("Picasa", "Picasa"), InlineData("ACDSee Pro 9", "ACDSee")]
    [InlineData("Microsoft Windows Photo Viewer 6.1.7600.16385", "Windows Photo Editor / Viewer"), InlineData("Snapseed 2.0", "Snapseed")]
    public void Editor_strings_match_their_product(string software, string product)
    {
        var match = EditorFingerprints.Match(software);
        Assert.NotNull(match);
        Assert.Equal(WriterKind.Editor, match.Kind);
        Assert.Equal(product, match.Product);
    }

    [Fact]
    public void An_editor_software_tag_is_an_alert_and_a_vendor_tool_a_notice()
    {
        var edited = AnalyzerFixtures.WithExif(AnalyzerFixtures.Camera with { Software = "Adobe Photoshop CS6 (Windows)", DateTime = AnalyzerFixtures.Shot.AddDays(3) });
        var finding = Assert.Single(AnalyzerFixtures.Run(_analyzer, edited));
        Assert.Equal((EditingTraceAnalyzer.Software, Severity.Alert), (finding.Code, finding.Severity));
        Assert.Equal(3 * 86400, finding.Data["modifiedAfterOriginalSeconds"]!.GetValue<long>());

        var transferred = AnalyzerFixtures.WithExif(AnalyzerFixtures.Camera with { Software = "OLYMPUS Master 2.04W" });
        Assert.Equal(Severity.Notice, Assert.Single(AnalyzerFixtures.Run(_analyzer, transferred)).Severity);
        Assert.Empty(AnalyzerFixtures.Run(_analyzer, AnalyzerFixtures.WithExif(AnalyzerFixtures.Camera with { Software = "Ver.1.00" })));
    }

    [Fact]
    public void Xmp_history_of_saves_is_an_alert_and_a_bare_photoshop_block_a_warning()
    {
        const string packet = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#">
            <xmpMM:History><rdf:Seq><rdf:li stEvt:action="saved" stEvt:softwareAgent="Some Editor 1.0" stEvt:when="2014-01-01T10:00:00"/></rdf:Seq></xmpMM:History>
            </rdf:Description></rdf:RDF></x:xmpmeta>
            """;
        var xmp = JpegSegments.Build(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. System.Text.Encoding.UTF8.GetBytes(packet)]);
        var withHistory = JpegSegments.Rewrite(AnalyzerFixtures.WithExif(AnalyzerFixtures.Camera), _ => false, xmp);
        Assert.Contains(AnalyzerFixtures.Run(_analyzer, withHistory), f => f.Code == EditingTraceAnalyzer.XmpHistory && f.Severity == Severity.Alert);

        // "Photoshop 3.0\0" then one 8BIM resource 0x0404 (IPTC) with an empty name and no data.
        byte[] irb = [.. "Photoshop 3.0\0"u8, .. "8BIM"u8, 0x04, 0x04, 0, 0, 0, 0, 0, 0];
        var withIrb = JpegSegments.Rewrite(AnalyzerFixtures.WithExif(AnalyzerFixtures.Camera), _ => false, JpegSegments.Build(0xED, irb));
        var finding = Assert.Single(AnalyzerFixtures.Run(_analyzer, withIrb));
        Assert.Equal((EditingTraceAnalyzer.PhotoshopIrb, Severity.Warning), (finding.Code, finding.Severity));
    }
}
