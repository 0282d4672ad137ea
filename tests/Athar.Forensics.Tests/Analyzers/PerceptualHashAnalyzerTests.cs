using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Forensics.Pdq;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Analyzers;

public sealed class PerceptualHashAnalyzerTests
{
    private static IReadOnlyList<Finding> Analyze(byte[] bytes)
    {
        using var item = new ItemContext("test", "image/jpeg", bytes);
        return new PerceptualHashAnalyzer().Analyze(item);
    }

    [Fact]
    public void Records_the_same_hash_as_athar_pdq_with_its_dihedral_variants()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, "Canon IXUS.jpg"));
        var expected = PdqJpeg.Hash(bytes, PdqOptions.Default with { Dihedral = true });
        var finding = Assert.Single(Analyze(bytes));
        Assert.Equal("pdq.hash", finding.Code);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal(expected.Hash.ToString(), finding.Data["hash"]!.GetValue<string>());
        Assert.Equal(expected.Quality, finding.Data["quality"]!.GetValue<int>());
        Assert.True(expected.Quality >= PerceptualHashAnalyzer.MinimumQuality);
        var dihedral = finding.Data["dihedral"]!.AsArray().Select(h => PdqHash.Parse(h!.GetValue<string>())).ToList();
        Assert.Equal(expected.Dihedral, dihedral);
        Assert.Equal(expected.Hash, dihedral[(int)PdqTransform.Original]);
    }

    [Fact]
    public void A_flat_image_gets_a_low_quality_notice()
    {
        using var flat = ImageBuffer.Create(320, 240, PixelLayout.Gray8);
        flat.Pixels.Fill(128);
        var findings = Analyze(JpegEncoder.Shared.Encode(flat, 90));
        Assert.Equal(["pdq.hash", "pdq.low-quality"], findings.Select(f => f.Code));
        Assert.Equal(Severity.Notice, findings[1].Severity);
        Assert.Equal(0, findings[1].Data["quality"]!.GetValue<int>());
    }

    [Fact]
    public void An_undecodable_file_has_no_hash()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, "Canon IXUS.jpg"));
        Assert.Empty(Analyze(bytes[..(bytes.Length / 2)]));
        Assert.Empty(Analyze("not a jpeg"u8.ToArray()));
    }
}
