namespace Athar.Imaging.Jpeg.Structure;

/// <summary>
/// Estimates the IJG quality setting. libjpeg (jcparam.c, jpeg_quality_scaling and jpeg_add_quant_table)
/// scales the example tables of T.81 Annex K (Tables K.1 and K.2) by S = 5000 / Q for Q &lt; 50 and
/// S = 200 - 2Q otherwise, entry = (base x S + 50) / 100 clamped to 1..255 (baseline) or 1..32767.
/// We try every Q in 1..100 and keep the one with the smallest total absolute difference (ties go to the
/// higher Q). Cameras mostly use their own tables: for them the figure is the nearest IJG equivalent, not a
/// setting anyone chose, and <see cref="JpegQualityEstimate.IsExact"/> is false.
/// </summary>
public static class JpegQualityEstimator
{
    // T.81 Table K.1 (luminance) and K.2 (chrominance), natural order.
    private static ReadOnlySpan<byte> Luminance =>
    [
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    ];

    private static ReadOnlySpan<byte> Chrominance =>
    [
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    ];

    /// <summary>
    /// The estimate for a parsed file: luminance is the table of the frame's first component, chrominance that
    /// of its second (tables 0 and 1 without a frame). Null when no luminance table is defined.
    /// </summary>
    public static JpegQualityEstimate? Estimate(JpegStructure structure)
    {
        int lumaId = 0, chromaId = 1;
        if (structure.Frame is { Components.Count: > 0 } frame)
        {
            lumaId = frame.Components[0].QuantizationTableId;
            chromaId = frame.Components.Count > 1 ? frame.Components[1].QuantizationTableId : -1;
        }
        var luma = structure.QuantizationTable(lumaId);
        if (luma is null) return null;
        var chroma = chromaId >= 0 ? structure.QuantizationTable(chromaId) : null;
        return Estimate(luma, chroma);
    }

    /// <summary>The estimate for a luminance table and an optional chrominance table.</summary>
    public static JpegQualityEstimate Estimate(JpegQuantizationTable luminance, JpegQuantizationTable? chrominance)
    {
        var bestQuality = 0;
        var bestError = long.MaxValue;
        for (var q = 100; q >= 1; q--)
        {
            var error = Difference(luminance, Luminance, q);
            if (chrominance is not null) error += Difference(chrominance, Chrominance, q);
            if (error < bestError) { bestError = error; bestQuality = q; }
        }
        var compared = chrominance is null ? 64 : 128;
        return new JpegQualityEstimate(bestQuality, bestError == 0, (double)bestError / compared, compared / 64);
    }

    /// <summary>The IJG table entry: the base value scaled for <paramref name="quality"/> (1..100), as libjpeg computes it.</summary>
    public static int Scaled(int baseValue, int quality, bool forceBaseline = true)
    {
        var scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        var value = (baseValue * (long)scale + 50) / 100;
        return (int)Math.Clamp(value, 1, forceBaseline ? 255 : 32767);
    }

    /// <summary>The IJG luminance (table 0) or chrominance (table 1) entry at natural index <paramref name="index"/> for <paramref name="quality"/>.</summary>
    public static int IjgValue(int table, int index, int quality) => Scaled(table == 0 ? Luminance[index] : Chrominance[index], quality);

    private static long Difference(JpegQuantizationTable table, ReadOnlySpan<byte> basis, int quality)
    {
        var baseline = table.Precision == 8;
        long sum = 0;
        for (var i = 0; i < 64; i++) sum += Math.Abs(table.Values[i] - Scaled(basis[i], quality, baseline));
        return sum;
    }
}
