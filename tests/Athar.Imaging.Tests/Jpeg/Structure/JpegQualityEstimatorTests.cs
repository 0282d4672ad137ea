using Athar.Imaging.Jpeg.Structure;
using Athar.Imaging.TurboJpeg;
using static Athar.Imaging.Tests.Jpeg.Structure.SyntheticJpeg;

namespace Athar.Imaging.Tests.Jpeg.Structure;

public sealed class JpegQualityEstimatorTests
{
    [Fact]
    public void Quality_50_is_the_annex_k_table_itself()
    {
        Assert.Equal(16, JpegQualityEstimator.IjgValue(0, 0, 50));
        Assert.Equal(99, JpegQualityEstimator.IjgValue(0, 63, 50));
        Assert.Equal(17, JpegQualityEstimator.IjgValue(1, 0, 50));
        // libjpeg: Q = 75 scales by 50%, Q = 100 gives all ones, Q = 1 clamps to 255 for baseline.
        Assert.Equal(8, JpegQualityEstimator.IjgValue(0, 0, 75));
        Assert.Equal(1, JpegQualityEstimator.IjgValue(0, 63, 100));
        Assert.Equal(255, JpegQualityEstimator.IjgValue(0, 63, 1));
        Assert.Equal(4950, JpegQualityEstimator.Scaled(99, 1, forceBaseline: false));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(25)]
    [InlineData(50)]
    [InlineData(75)]
    [InlineData(85)]
    [InlineData(92)]
    [InlineData(97)]
    [InlineData(100)]
    public void Libjpeg_turbo_output_is_an_exact_match(int quality)
    {
        using var image = TestImages.Gradient(16, 16);
        var estimate = JpegStructureParser.Parse(JpegEncoder.Shared.Encode(image, quality, JpegSubsampling.Yuv420)).Quality!;
        Assert.True(estimate.IsExact, $"quality {quality}: estimated {estimate.Quality}, mean difference {estimate.MeanAbsoluteDifference}");
        Assert.Equal(2, estimate.TablesCompared);
        Assert.Equal(quality, estimate.Quality);
    }

    [Fact]
    public void Every_quality_gives_distinct_ijg_tables()
    {
        // So an exact match names one Q: no two settings of 1..100 give the same pair of 8-bit tables.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var q = 1; q <= 100; q++)
        {
            var key = string.Join(',', Enumerable.Range(0, 128).Select(i => JpegQualityEstimator.IjgValue(i / 64, i % 64, q)));
            Assert.True(seen.Add(key), $"quality {q} repeats an earlier table");
        }
    }

    [Fact]
    public void A_table_near_but_off_the_ijg_scale_is_not_exact()
    {
        var jpeg = Concat(Soi, Dqt(0, k => JpegQualityEstimator.IjgValue(0, JpegZigZagFor(k), 80) + (k == 10 ? 1 : 0)), Eoi);
        var estimate = JpegStructureParser.Parse(jpeg).Quality!;
        Assert.False(estimate.IsExact);
        Assert.Equal(80, estimate.Quality);
        Assert.Equal(1.0 / 64, estimate.MeanAbsoluteDifference, 6);
    }

    [Fact]
    public void No_table_means_no_estimate() => Assert.Null(JpegStructureParser.Parse(Concat(Soi, Eoi)).Quality);

    private static int JpegZigZagFor(int k) => Athar.Imaging.Jpeg.Structure.JpegZigZag.NaturalIndex[k];
}
