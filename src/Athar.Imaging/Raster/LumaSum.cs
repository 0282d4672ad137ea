using System.Numerics;

namespace Athar.Imaging.Raster;

/// <summary>
/// Exact integer sums of luminance over blocks of pixels, for averages that must come out the same on every
/// machine: ITU-R BT.601 luma in thousandths (299 R + 587 G + 114 B), or the grey value as it is.
/// <para>
/// A block's rows are first added column by column into 16-bit sums (<see cref="AddRow"/>, SIMD, one add per
/// byte), and only then are the columns of each block added across: a block of k rows costs one pass over its
/// bytes plus 1/k of a pass, instead of a call and a loop per block and row.
/// </para>
/// </summary>
public static class LumaSum
{
    /// <summary>The most rows 16-bit column sums can hold: 257 x 255 = 65,535.</summary>
    public const int MaxRows = 257;

    /// <summary>Adds <paramref name="row"/> byte by byte into <paramref name="sums"/>. Requires sums.Length ≥ row.Length.</summary>
    public static void AddRow(ReadOnlySpan<byte> row, Span<ushort> sums)
    {
        if (sums.Length < row.Length) throw new ArgumentException($"{sums.Length} sums for {row.Length} bytes", nameof(sums));
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<byte>.Count;
            var lanes = Vector<ushort>.Count;
            for (; i + width <= row.Length; i += width)
            {
                Vector.Widen(new Vector<byte>(row.Slice(i, width)), out var low, out var high);
                (new Vector<ushort>(sums.Slice(i, lanes)) + low).CopyTo(sums.Slice(i, lanes));
                (new Vector<ushort>(sums.Slice(i + lanes, lanes)) + high).CopyTo(sums.Slice(i + lanes, lanes));
            }
        }
        for (; i < row.Length; i++) sums[i] += row[i];
    }

    /// <summary>Σ of 16-bit column sums of grey values.</summary>
    public static long Gray(ReadOnlySpan<ushort> sums)
    {
        long sum = 0;
        foreach (var v in sums) sum += v;
        return sum;
    }

    /// <summary>Σ (299 R + 587 G + 114 B) over column sums of interleaved RGB: three channel sums, weighted once.</summary>
    public static long RgbThousandths(ReadOnlySpan<ushort> sums)
    {
        long red = 0, green = 0, blue = 0;
        for (var p = 0; p + 2 < sums.Length; p += 3)
        {
            red += sums[p];
            green += sums[p + 1];
            blue += sums[p + 2];
        }
        return 299 * red + 587 * green + 114 * blue;
    }
}
