namespace Athar.Imaging.TurboJpeg;

/// <summary>
/// A DCT scaling factor for decoding (libjpeg-turbo decodes straight to 1/2, 1/4 or 1/8 size).
/// Scaled dimensions are ceil(dimension * num / denom), as TJSCALED in turbojpeg.h.
/// </summary>
public readonly record struct JpegScale(int Num, int Denom)
{
    public static JpegScale Full { get; } = new(1, 1);
    public static JpegScale Half { get; } = new(1, 2);
    public static JpegScale Quarter { get; } = new(1, 4);
    public static JpegScale Eighth { get; } = new(1, 8);

    public int Apply(int dimension) => (dimension * Num + Denom - 1) / Denom;

    /// <summary>The smallest of 1, 1/2, 1/4, 1/8 whose output is still at least <paramref name="minimum"/> on the longer side.</summary>
    public static JpegScale AtLeast(int width, int height, int minimum)
    {
        var longer = Math.Max(width, height);
        foreach (var scale in new[] { Eighth, Quarter, Half })
        {
            if (scale.Apply(longer) >= minimum) return scale;
        }
        return Full;
    }

    public override string ToString() => $"{Num}/{Denom}";
}
