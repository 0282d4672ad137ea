using System.Buffers;
using Athar.Imaging.Raster;

namespace Athar.Forensics.Pdq;

/// <summary>
/// PDQ perceptual hashing of decoded pixels (Meta, "The TMK+PDQF and PDQ hashing algorithms", 2017;
/// reference code facebook/ThreatExchange pdq/cpp, hashing/pdqhashing.cpp):
/// luminance → Jarosz filter and decimation to 64x64 → quality from gradients → 16x16 low-frequency DCT
/// → one bit per coefficient, set when above the median.
/// Thread-safe; buffers come from the shared array pool and nothing is allocated per pixel.
/// </summary>
public static class PdqHasher
{
    /// <summary>Images narrower or shorter than this hash to all zeros with quality 0, as in the reference.</summary>
    public const int MinimumDimension = 5;

    /// <summary>
    /// The reference hasher first resizes any image larger than this on either side to exactly this square,
    /// by nearest neighbour (pdq/cpp/io/pdqio.cpp, DOWNSAMPLE_DIMS).
    /// </summary>
    public const int ReferenceResampleSide = 512;

    private const int Side = PdqDct.N;
    private const int JaroszPasses = 2;

    /// <summary>
    /// Hashes <paramref name="image"/>. With <paramref name="referenceResample"/> (the default) an image larger
    /// than 512 on a side is first resampled to 512x512 by nearest neighbour, as the reference hasher does;
    /// without it the whole image goes through the Jarosz filter. With <paramref name="dihedral"/> the eight
    /// rotation and flip variants are computed too.
    /// </summary>
    public static PdqResult Hash(ImageBuffer image, bool dihedral = false, bool referenceResample = true)
    {
        var (rows, cols) = (image.Height, image.Width);
        if (referenceResample && (rows > ReferenceResampleSide || cols > ReferenceResampleSide))
        {
            (rows, cols) = (ReferenceResampleSide, ReferenceResampleSide);
        }
        var planeLength = checked(rows * cols);
        var rented = ArrayPool<float>.Shared.Rent(checked(2 * planeLength));
        try
        {
            var luma = rented.AsSpan(0, planeLength);
            PdqLuma.Fill(image, luma, rows, cols);
            return HashLuma(luma, rented.AsSpan(planeLength, planeLength), rows, cols, dihedral);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Hashes a luminance plane (rows x cols, row-major, values 0..255). <paramref name="luma"/> is blurred in
    /// place; <paramref name="scratch"/> must be as large. Requires luma.Length ≥ rows · cols.
    /// </summary>
    public static PdqResult HashLuma(Span<float> luma, Span<float> scratch, int rows, int cols, bool dihedral = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if (rows < MinimumDimension || cols < MinimumDimension)
        {
            var empty = new PdqResult(PdqHash.Zero, 0);
            return dihedral ? empty with { Dihedral = new PdqHash[8] } : empty;
        }
        var planeLength = checked(rows * cols);
        if (luma.Length < planeLength || scratch.Length < planeLength)
            throw new ArgumentException($"{rows}x{cols} needs {planeLength} floats in each buffer, got {luma.Length} and {scratch.Length}");

        var work = ArrayPool<float>.Shared.Rent(Side * Side + PdqDct.K * Side + 2 * PdqDct.K * PdqDct.K);
        try
        {
            var downsample = work.AsSpan(0, Side * Side);
            var t = work.AsSpan(Side * Side, PdqDct.K * Side);
            var block = work.AsSpan(Side * Side + PdqDct.K * Side, PdqDct.K * PdqDct.K);
            var aux = work.AsSpan(Side * Side + PdqDct.K * Side + PdqDct.K * PdqDct.K, PdqDct.K * PdqDct.K);

            JaroszFilter.Filter(luma[..planeLength], scratch[..planeLength], rows, cols,
                JaroszFilter.WindowSize(cols, Side), JaroszFilter.WindowSize(rows, Side), JaroszPasses);
            JaroszFilter.Decimate(luma, rows, cols, downsample, Side, Side);
            var quality = Quality(downsample);
            PdqDct.Dct64To16(downsample, t, block);

            var hash = ToBits(block);
            if (!dihedral) return new PdqResult(hash, quality);
            var variants = new PdqHash[8];
            variants[0] = hash;
            for (var v = 1; v < 8; v++)
            {
                PdqDihedral.Apply((PdqTransform)v, block, aux);
                variants[v] = ToBits(aux);
            }
            return new PdqResult(hash, quality) { Dihedral = variants };
        }
        finally
        {
            ArrayPool<float>.Shared.Return(work);
        }
    }

    /// <summary>
    /// The reference's quality heuristic: the sum over neighbouring pairs (vertical, then horizontal) of
    /// |trunc((u - v) · 100 / 255)| in float, divided by 90 and capped at 100. Truncation drops small
    /// gradients so that only significant ones count (pdqImageDomainQualityMetric; the constants are Meta's).
    /// </summary>
    internal static int Quality(ReadOnlySpan<float> downsample)
    {
        var gradientSum = 0;
        for (var i = 0; i < Side - 1; i++)
        {
            for (var j = 0; j < Side; j++)
            {
                var d = (int)((downsample[i * Side + j] - downsample[(i + 1) * Side + j]) * 100 / 255);
                gradientSum += Math.Abs(d);
            }
        }
        for (var i = 0; i < Side; i++)
        {
            for (var j = 0; j < Side - 1; j++)
            {
                var d = (int)((downsample[i * Side + j] - downsample[i * Side + j + 1]) * 100 / 255);
                gradientSum += Math.Abs(d);
            }
        }
        return Math.Min(gradientSum / 90, 100);
    }

    /// <summary>One bit per coefficient of the 16x16 block: set when strictly above the Torben median.</summary>
    internal static PdqHash ToBits(ReadOnlySpan<float> block)
    {
        var median = TorbenMedian.Of(block[..(PdqDct.K * PdqDct.K)]);
        Span<ulong> words = stackalloc ulong[4];
        words.Clear();
        for (var k = 0; k < PdqHash.Bits; k++)
        {
            if (block[k] > median) words[k >> 6] |= 1UL << (k & 63);
        }
        return new PdqHash(words[0], words[1], words[2], words[3]);
    }
}
