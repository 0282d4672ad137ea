namespace Athar.Forensics.Pdq;

/// <summary>
/// Rotations and flips of the image computed in the DCT domain, as the reference does
/// (facebook/ThreatExchange pdq/cpp/hashing/pdqhashing.cpp, <c>dct16OriginalTo*</c>).
/// <para>
/// The block holds frequencies u, v = 1..16 (index i = u - 1). Reversing a 64-sample axis multiplies
/// frequency u by (-1)^u, so it negates the coefficients at even indices; a quarter turn or a diagonal
/// flip also transposes the block. Mirroring a block in the DCT domain is exact, so the variants cost
/// 256 sign flips each instead of a new downsample and DCT.
/// </para>
/// </summary>
internal static class PdqDihedral
{
    /// <summary>
    /// Writes the <paramref name="transform"/> variant of the 16x16 block <paramref name="a"/> into
    /// <paramref name="b"/>. Both row-major, 256 values each, and distinct.
    /// </summary>
    public static void Apply(PdqTransform transform, ReadOnlySpan<float> a, Span<float> b)
    {
        const int K = PdqDct.K;
        a = a[..(K * K)];
        b = b[..(K * K)];
        for (var i = 0; i < K; i++)
        {
            for (var j = 0; j < K; j++)
            {
                var v = a[i * K + j];
                var iEven = (i & 1) == 0;
                var jEven = (j & 1) == 0;
                var sumOdd = ((i + j) & 1) == 1;
                switch (transform)
                {
                    case PdqTransform.Original: b[i * K + j] = v; break;
                    case PdqTransform.Rotate90: b[j * K + i] = jEven ? -v : v; break;
                    case PdqTransform.Rotate180: b[i * K + j] = sumOdd ? -v : v; break;
                    case PdqTransform.Rotate270: b[j * K + i] = iEven ? -v : v; break;
                    case PdqTransform.FlipX: b[i * K + j] = iEven ? -v : v; break;
                    case PdqTransform.FlipY: b[i * K + j] = jEven ? -v : v; break;
                    case PdqTransform.FlipPlus1: b[j * K + i] = v; break;
                    case PdqTransform.FlipMinus1: b[j * K + i] = sumOdd ? -v : v; break;
                    default: throw new ArgumentOutOfRangeException(nameof(transform), transform, "not a dihedral transform");
                }
            }
        }
    }
}
