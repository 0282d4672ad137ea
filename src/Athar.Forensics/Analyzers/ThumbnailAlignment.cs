using Athar.Imaging.Raster;

namespace Athar.Forensics.Analyzers;

/// <summary>
/// Where the main image lies in the thumbnail's field of view: the scale and shift, in fractions of the
/// thumbnail, that best map the image onto the thumbnail. Scale 1 and shift 0 for an untouched photo; a crop
/// made after the camera wrote the file shows up as a scale below 1 (the image covers less than its preview).
/// </summary>
/// <param name="Scale">Image width over the width of the part of the thumbnail it matches best.</param>
/// <param name="ShiftX">Horizontal offset of that part's centre from the thumbnail's centre, in thumbnail widths.</param>
/// <param name="ShiftY">Vertical offset, in thumbnail heights.</param>
/// <param name="Distance">The normalised distance at that placement (see <see cref="ThumbnailComparison"/>).</param>
public readonly record struct ThumbnailPlacement(double Scale, double ShiftX, double ShiftY, double Distance)
{
    public bool IsIdentity(double scaleTolerance, double shiftTolerance) =>
        Math.Abs(Math.Log(Scale)) <= scaleTolerance && Math.Abs(ShiftX) <= shiftTolerance && Math.Abs(ShiftY) <= shiftTolerance;
}

/// <summary>
/// Searches scale (0.80 to 1.10) and shift (±8%) for the placement of the image grid in the thumbnail that
/// gives the smallest normalised distance: a coarse pass on a half-resolution grid, then finer passes in steps of 1% and 0.5%.
/// Only grid cells that fall inside the thumbnail count; at least 60% of them must.
/// </summary>
internal static class ThumbnailAlignment
{
    private const double MinScale = 0.80, MaxScale = 1.10, MaxShift = 0.08;
    private const double MinimumCoverage = 0.6;
    private const double MinimumDeviation = 4;

    /// <summary>
    /// <paramref name="imageGrid"/>: the image reduced to the grid; <paramref name="thumbFine"/>: the thumbnail
    /// content reduced to about twice the grid's resolution (sampled bilinearly).
    /// </summary>
    public static ThumbnailPlacement Search(ImageBuffer imageGrid, ImageBuffer thumbFine)
    {
        // Coarse pass on a grid of half the resolution: scale in steps of 2%, shift in steps of 4%.
        using var halfGrid = Resample.AreaAverage(imageGrid, Math.Max(1, imageGrid.Width / 2), Math.Max(1, imageGrid.Height / 2));
        var coarse = new ThumbnailPlacement(1, 0, 0, Evaluate(halfGrid, thumbFine, 1, 0, 0));
        for (var s = MinScale; s <= MaxScale + 1e-9; s += 0.02)
            for (var dx = -MaxShift; dx <= MaxShift + 1e-9; dx += 0.04)
                for (var dy = -MaxShift; dy <= MaxShift + 1e-9; dy += 0.04)
                {
                    var d = Evaluate(halfGrid, thumbFine, s, dx, dy);
                    if (d < coarse.Distance) coarse = new ThumbnailPlacement(s, dx, dy, d);
                }
        // Then on the full grid: around the coarse best in steps of 1%, then of 0.5%. Identity always competes.
        var best = new ThumbnailPlacement(1, 0, 0, Evaluate(imageGrid, thumbFine, 1, 0, 0));
        best = Refine(imageGrid, thumbFine, coarse with { Distance = double.PositiveInfinity }, best, 0.01, 2);
        best = Refine(imageGrid, thumbFine, best, best, 0.005, 1);
        return best with { Scale = Math.Round(best.Scale, 4), ShiftX = Math.Round(best.ShiftX, 4), ShiftY = Math.Round(best.ShiftY, 4) };
    }

    private static ThumbnailPlacement Refine(ImageBuffer imageGrid, ImageBuffer thumbFine, ThumbnailPlacement around, ThumbnailPlacement best, double step, int reach)
    {
        for (var i = -reach; i <= reach; i++)
            for (var j = -reach; j <= reach; j++)
                for (var k = -reach; k <= reach; k++)
                {
                    var (s, dx, dy) = (around.Scale + step * i, around.ShiftX + step * j, around.ShiftY + step * k);
                    var d = Evaluate(imageGrid, thumbFine, s, dx, dy);
                    if (d < best.Distance) best = new ThumbnailPlacement(s, dx, dy, d);
                }
        return best;
    }

    /// <summary>The normalised distance with the image grid placed at scale <paramref name="s"/> and shift (dx, dy) in the thumbnail.</summary>
    public static double Evaluate(ImageBuffer imageGrid, ImageBuffer thumbFine, double s, double dx, double dy)
    {
        int gw = imageGrid.Width, gh = imageGrid.Height;
        var count = gw * gh;
        // Which grid column lands where in the thumbnail depends only on x, which row only on y: the bilinear
        // taps and weights are worked out once per column and once per row (the same arithmetic as sampling
        // cell by cell, so the same distances to the last bit).
        Span<int> colX = gw <= 256 ? stackalloc int[gw] : new int[gw];
        Span<int> colX0 = gw <= 256 ? stackalloc int[gw] : new int[gw];
        Span<int> colX1 = gw <= 256 ? stackalloc int[gw] : new int[gw];
        Span<float> colFx = gw <= 256 ? stackalloc float[gw] : new float[gw];
        var columns = 0;
        for (var x = 0; x < gw; x++)
        {
            var u = (x + 0.5) / gw;
            var p = 0.5 + (u - 0.5) * s + dx;
            if (p < 0 || p > 1) continue;
            var sx = Math.Clamp(p * thumbFine.Width - 0.5, 0, thumbFine.Width - 1);
            var x0 = (int)sx;
            colX[columns] = x;
            colX0[columns] = x0;
            colX1[columns] = Math.Min(x0 + 1, thumbFine.Width - 1);
            colFx[columns] = (float)(sx - x0);
            columns++;
        }
        var rows = 0;
        for (var y = 0; y < gh; y++)
        {
            var q = 0.5 + ((y + 0.5) / gh - 0.5) * s + dy;
            if (q >= 0 && q <= 1) rows++;
        }
        if (rows * columns < MinimumCoverage * count) return double.PositiveInfinity;

        Span<float> a = count <= 4096 ? stackalloc float[count] : new float[count];
        Span<float> b = count <= 4096 ? stackalloc float[count] : new float[count];
        var n = 0;
        for (var y = 0; y < gh; y++)
        {
            var v = (y + 0.5) / gh;
            var q = 0.5 + (v - 0.5) * s + dy;
            if (q < 0 || q > 1) continue;
            var row = imageGrid.Row(y);
            var sy = Math.Clamp(q * thumbFine.Height - 0.5, 0, thumbFine.Height - 1);
            var y0 = (int)sy;
            var fy = (float)(sy - y0);
            ReadOnlySpan<byte> r0 = thumbFine.Row(y0);
            ReadOnlySpan<byte> r1 = thumbFine.Row(Math.Min(y0 + 1, thumbFine.Height - 1));
            for (var c = 0; c < columns; c++)
            {
                int x0 = colX0[c], x1 = colX1[c];
                var fx = colFx[c];
                a[n] = row[colX[c]];
                var top = r0[x0] + (r0[x1] - r0[x0]) * fx;
                var bottom = r1[x0] + (r1[x1] - r1[x0]) * fx;
                b[n] = top + (bottom - top) * fy;
                n++;
            }
        }
        return Distance(a[..n], b[..n]);
    }

    internal static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var (meanA, devA) = Moments(a);
        var (meanB, devB) = Moments(b);
        devA = Math.Max(devA, MinimumDeviation);
        devB = Math.Max(devB, MinimumDeviation);
        double total = 0;
        for (var i = 0; i < a.Length; i++) total += Math.Abs((a[i] - meanA) / devA - (b[i] - meanB) / devB);
        return total / a.Length;
    }

    private static (double Mean, double Deviation) Moments(ReadOnlySpan<float> values)
    {
        double sum = 0, sumSq = 0;
        foreach (var v in values)
        {
            sum += v;
            sumSq += (double)v * v;
        }
        var mean = sum / values.Length;
        return (mean, Math.Sqrt(Math.Max(0, sumSq / values.Length - mean * mean)));
    }
}
