using Athar.Forensics.Pdq;
using Athar.Imaging.Raster;

namespace Athar.Forensics.Tests.Pdq;

/// <summary>The SIMD stages against the plain scalar loops, and the hasher's edge cases.</summary>
public sealed class PdqHasherTests
{
    [Theory]
    [InlineData(64, 64)]
    [InlineData(378, 504)]
    [InlineData(123, 77)]
    [InlineData(5, 9)]
    public void Jarosz_filter_equals_the_scalar_loops_bit_for_bit(int rows, int cols)
    {
        var random = new Random(rows * 1000 + cols);
        var input = Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() * 255)).ToArray();
        var (fast1, fast2) = (input.ToArray(), new float[rows * cols]);
        var (slow1, slow2) = (input.ToArray(), new float[rows * cols]);
        var (wr, wc) = (JaroszFilter.WindowSize(cols, 64), JaroszFilter.WindowSize(rows, 64));

        JaroszFilter.Filter(fast1, fast2, rows, cols, wr, wc, 2);
        ScalarReference.Jarosz(slow1, slow2, rows, cols, wr, wc, 2);

        Assert.Equal(slow1, fast1);
    }

    [Fact]
    public void Dct_equals_the_scalar_loops_bit_for_bit()
    {
        var random = new Random(64);
        var a = Enumerable.Range(0, 4096).Select(_ => (float)(random.NextDouble() * 255)).ToArray();
        var b = new float[256];

        PdqDct.Dct64To16(a, new float[1024], b);

        Assert.Equal(ScalarReference.Dct64To16(a), b);
    }

    [Theory]
    [InlineData(1600, 13)]
    [InlineData(512, 4)]
    [InlineData(504, 4)]
    [InlineData(378, 3)]
    [InlineData(64, 1)]
    [InlineData(5, 1)]
    public void Window_size_is_half_a_target_cell_rounded_up(int old, int expected) =>
        Assert.Equal(expected, JaroszFilter.WindowSize(old, 64));

    [Fact]
    public void Median_is_the_lower_middle_value()
    {
        Assert.Equal(2f, TorbenMedian.Of([3f, 1f, 2f]));
        Assert.Equal(2f, TorbenMedian.Of([4f, 1f, 2f, 3f]));
        Assert.Equal(5f, TorbenMedian.Of([5f, 5f, 5f, 5f]));
    }

    [Fact]
    public void Image_smaller_than_5_pixels_hashes_to_zero_with_quality_0()
    {
        using var image = ImageBuffer.Create(4, 100, PixelLayout.Rgb24);

        var result = PdqHasher.Hash(image, dihedral: true);

        Assert.Equal(PdqHash.Zero, result.Hash);
        Assert.Equal(0, result.Quality);
        Assert.Equal(8, result.Dihedral.Count);
    }

    [Fact]
    public void Flat_image_has_quality_0()
    {
        using var image = ImageBuffer.Create(200, 100, PixelLayout.Gray8);
        image.Pixels.Fill(128);

        Assert.Equal(0, PdqHasher.Hash(image).Quality);
    }

    [Fact]
    public void Grey_and_equal_rgb_give_nearly_the_same_hash()
    {
        var random = new Random(5);
        using var grey = ImageBuffer.Create(97, 131, PixelLayout.Gray8);
        using var rgb = ImageBuffer.Create(97, 131, PixelLayout.Rgb24);
        for (var y = 0; y < grey.Height; y++)
        {
            for (var x = 0; x < grey.Width; x++)
            {
                var v = (byte)((x * 7 + y * 3 + random.Next(40)) & 255);
                grey.Row(y)[x] = v;
                rgb.Row(y)[3 * x] = rgb.Row(y)[3 * x + 1] = rgb.Row(y)[3 * x + 2] = v;
            }
        }

        Assert.InRange(PdqHasher.Hash(grey).Hash.DistanceTo(PdqHasher.Hash(rgb).Hash), 0, 4);
    }

    [Fact]
    public void Dihedral_variants_equal_hashes_of_the_transformed_pixels()
    {
        // A 64x64 image: no resampling or blur beyond window 1, so a pixel transform maps exactly onto the DCT.
        var random = new Random(8);
        using var image = ImageBuffer.Create(64, 64, PixelLayout.Gray8);
        random.NextBytes(image.Pixels);
        var result = PdqHasher.Hash(image, dihedral: true);

        foreach (var transform in Enum.GetValues<PdqTransform>())
        {
            using var moved = Transform(image, transform);
            Assert.True(PdqHasher.Hash(moved).Hash.DistanceTo(result.Variant(transform)) <= 2, $"{transform}");
        }
    }

    /// <summary>Pixel-domain transforms of a square grey image, matching the reference's DCT-domain ones.</summary>
    private static ImageBuffer Transform(ImageBuffer source, PdqTransform transform)
    {
        var n = source.Width;
        var target = ImageBuffer.Create(n, n, PixelLayout.Gray8);
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                var (sy, sx) = transform switch
                {
                    PdqTransform.Original => (y, x),
                    PdqTransform.Rotate90 => (x, n - 1 - y),
                    PdqTransform.Rotate180 => (n - 1 - y, n - 1 - x),
                    PdqTransform.Rotate270 => (n - 1 - x, y),
                    PdqTransform.FlipX => (n - 1 - y, x),
                    PdqTransform.FlipY => (y, n - 1 - x),
                    PdqTransform.FlipPlus1 => (x, y),
                    PdqTransform.FlipMinus1 => (n - 1 - x, n - 1 - y),
                    _ => throw new ArgumentOutOfRangeException(nameof(transform)),
                };
                target.Row(y)[x] = source.Row(sy)[sx];
            }
        }
        return target;
    }
}
