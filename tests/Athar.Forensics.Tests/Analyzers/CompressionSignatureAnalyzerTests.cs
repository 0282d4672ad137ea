using Athar.Core.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Imaging.Jpeg.Structure;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Analyzers;

public sealed class CompressionSignatureAnalyzerTests(ITestOutputHelper output)
{
    private readonly CompressionSignatureAnalyzer _analyzer = new();

    [Fact]
    public void The_embedded_table_agrees_with_the_shared_tsv()
    {
        var shared = SignatureTable.Load(Path.Combine(TestData.JpegSignatures, "jpegsnoop-signatures.tsv"));
        var keys = shared.Rows.SelectMany(r => new[] { r.Signature, r.SignatureRotated }).Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        Assert.Equal(keys, CompressionSignatureTable.Count);
    }

    [Fact]
    public void Plain_libjpeg_tables_are_a_notice_never_an_alert()
    {
        var finding = Assert.Single(AnalyzerFixtures.Run(_analyzer, AnalyzerFixtures.WithExif(AnalyzerFixtures.Camera, quality: 87)));
        Assert.Equal((CompressionSignatureAnalyzer.Ijg, Severity.Notice), (finding.Code, finding.Severity));
        Assert.Equal(87, finding.Data["ijgQuality"]!.GetValue<int>());
    }

    [Fact]
    public void Another_makers_tables_under_a_brand_that_sold_oem_bodies_are_a_notice()
    {
        // HP PhotoSmart 735: EXIF make Hewlett-Packard, tables JPEGsnoop lists only for Sony cameras.
        var bytes = File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, "HP PhotoSmart 735.jpg"));
        var finding = Assert.Single(AnalyzerFixtures.Run(_analyzer, bytes));
        Assert.Equal((CompressionSignatureAnalyzer.OtherMaker, Severity.Notice), (finding.Code, finding.Severity));
        Assert.True(CompressionSignatureTable.SellsOemBodies("hp"));
        Assert.False(CompressionSignatureTable.SellsOemBodies("sony"));
    }

    [Fact]
    public void Make_families_join_spellings_of_one_maker()
    {
        Assert.Equal("kodak", CompressionSignatureTable.MakeFamily("EASTMAN KODAK COMPANY"));
        Assert.Equal("pentax", CompressionSignatureTable.MakeFamily("Asahi Optical Co.,Ltd"));
        Assert.Equal("olympus", CompressionSignatureTable.MakeFamily("OLYMPUS IMAGING CORP.  "));
        Assert.Equal("minolta", CompressionSignatureTable.MakeFamily("KONICA MINOLTA"));
        Assert.Null(CompressionSignatureTable.MakeFamily("  "));
    }

    // Measured on the 87 camera originals (see docs/analyzers.md, "compression-signature"). Files with an
    // editor trace in their metadata (EditingTraceAnalyzerTests.KnownEdited) are true positives here.
    // One file without such a trace is flagged: Sony DCR-PC110E (1) (tables JPEGsnoop lists only for ACDSee).
    // HP PhotoSmart 735 (Sony's tables) is a notice since v2: HP sold bodies built by other makers.
    [Fact]
    public void False_positive_rate_on_camera_originals()
    {
        var files = AnalyzerFixtures.CameraOriginals();
        var codes = new Dictionary<string, int>();
        var flagged = new List<string>();
        foreach (var (name, bytes) in files)
            foreach (var f in AnalyzerFixtures.Run(_analyzer, bytes))
            {
                codes[f.Code] = codes.GetValueOrDefault(f.Code) + 1;
                if (f.Severity >= Severity.Warning) flagged.Add($"{name}: {f.Code}");
            }
        foreach (var (code, count) in codes.OrderBy(c => c.Key, StringComparer.Ordinal)) output.WriteLine($"{code}: {count}");
        foreach (var line in flagged) output.WriteLine(line);
        string[] editedByMetadata =
        [
            "Canon EOS D60.jpg", "Issue 154.jpg", "Nikon E885.jpg", "Olympus FE230-X790.jpg", "Panasonic DMC-LC70 (Lumix).jpg",
            "Photoshop (2).jpg", "Photoshop (4).jpg", "Sony Cybershot (4).jpg", "Sony Cybershot (6).jpg",
        ];
        var unexplained = flagged.Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).Except(editedByMetadata).ToList();
        output.WriteLine($"warning or above: {flagged.Count}/{files.Count}; without an editor trace: {unexplained.Count}/{files.Count}");
        Assert.Equal(["Sony DCR-PC110E (1).jpg"], unexplained.Order(StringComparer.Ordinal));
    }
}
