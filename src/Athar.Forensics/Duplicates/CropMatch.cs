namespace Athar.Forensics.Duplicates;

/// <summary>Where a crop fits in its original: the window's side as a fraction of the original's (both sides), its
/// left and top edges as fractions of the original's width and height, and the Pearson correlation of the two
/// 16x16 luma grids there (1 = identical up to brightness and contrast).</summary>
public readonly record struct CropFit(double Correlation, double Scale, double Left, double Top);

/// <summary>
/// Finds whether one image is a crop of another from their 32x32 luma thumbnails (the pdq analyzer's <c>luma32</c>,
/// <see cref="Pdq.PdqThumbnail.Make"/>): the crop's grid is compared with the grid of every window of the original
/// that keeps the original's aspect ratio and <see cref="MinimumScale"/> to <see cref="MaximumScale"/> of each side
/// (docs/analyzers.md, "near-duplicates"). A window's grid is read from a summed-area table of the original's
/// thumbnail with bilinear corners, which is the exact area mean of the piecewise-constant thumbnail, so windows at
/// fractional positions cost the same as whole ones.
/// <para>
/// Two stages: <see cref="Coarse"/> scores the crop's 4x4 grid against 4x4 grids of a fixed lattice of windows
/// (cheap enough to run against every original); <see cref="Refine"/> climbs from the best lattice window at 16x16.
/// </para>
/// </summary>
public static class CropMatch
{
    public const int ThumbnailSide = 32;
    public const double MinimumScale = 0.70;
    public const double MaximumScale = 0.99;

    /// <summary>The coarse lattice: scales 0.72 to 0.97 by 0.05, six positions along each axis of the slack.</summary>
    public static readonly (double Scale, double Left, double Top)[] Lattice = BuildLattice();

    private static (double, double, double)[] BuildLattice()
    {
        var list = new List<(double, double, double)>();
        for (var s = 0; s < 6; s++)
        {
            var scale = 0.72 + 0.05 * s;
            for (var y = 0; y < 6; y++)
                for (var x = 0; x < 6; x++)
                    list.Add((scale, (1 - scale) * x / 5, (1 - scale) * y / 5));
        }
        return [.. list];
    }

    /// <summary>The summed-area table of a thumbnail, (side + 1)², for <see cref="Sample"/>.</summary>
    public static double[] Table(ReadOnlySpan<byte> thumbnail)
    {
        const int n = ThumbnailSide;
        if (thumbnail.Length != n * n) throw new ArgumentException($"a thumbnail has {n * n} bytes", nameof(thumbnail));
        var table = new double[(n + 1) * (n + 1)];
        for (var i = 0; i < n; i++)
        {
            double running = 0;
            for (var j = 0; j < n; j++)
            {
                running += thumbnail[i * n + j];
                table[(i + 1) * (n + 1) + j + 1] = table[i * (n + 1) + j + 1] + running;
            }
        }
        return table;
    }

    /// <summary>
    /// Writes the grid x grid area means of the window (scale, left, top; fractions of the frame) into
    /// <paramref name="output"/>, normalised to mean 0 and norm 1 (all zeros when the window is flat).
    /// </summary>
    public static void Sample(double[] table, double scale, double left, double top, int grid, Span<double> output)
    {
        const int n = ThumbnailSide;
        var step = scale * n / grid;
        for (var i = 0; i < grid; i++)
        {
            var y0 = top * n + i * step;
            var y1 = y0 + step;
            for (var j = 0; j < grid; j++)
            {
                var x0 = left * n + j * step;
                var x1 = x0 + step;
                output[i * grid + j] = At(table, x1, y1) - At(table, x0, y1) - At(table, x1, y0) + At(table, x0, y0);
            }
        }
        Normalise(output[..(grid * grid)]);
    }

    /// <summary>The crop's whole frame as a normalised grid x grid vector.</summary>
    public static void Whole(double[] table, int grid, Span<double> output) => Sample(table, 1, 0, 0, grid, output);

    /// <summary>The best correlation of the crop's 4x4 grid over the lattice windows of the original, and where.</summary>
    public static (double Correlation, int Window) Coarse(ReadOnlySpan<double> crop4, ReadOnlySpan<double> latticeGrids)
    {
        var best = double.NegativeInfinity;
        var at = -1;
        for (var w = 0; w < Lattice.Length; w++)
        {
            var dot = 0.0;
            var grid = latticeGrids.Slice(w * 16, 16);
            for (var k = 0; k < 16; k++) dot += crop4[k] * grid[k];
            if (dot > best) { best = dot; at = w; }
        }
        return (best, at);
    }

    /// <summary>The 4x4 grids of every lattice window of an original, 16 values each, in lattice order.</summary>
    public static double[] LatticeGrids(double[] table)
    {
        var grids = new double[Lattice.Length * 16];
        for (var w = 0; w < Lattice.Length; w++)
            Sample(table, Lattice[w].Scale, Lattice[w].Left, Lattice[w].Top, 4, grids.AsSpan(w * 16, 16));
        return grids;
    }

    /// <summary>
    /// Climbs from a lattice window to the best-correlated window at 16x16 (steps of scale 0.02 and position 1/32,
    /// halved four times), staying within the scale limits and the frame.
    /// </summary>
    public static CropFit Refine(ReadOnlySpan<double> crop16, double[] originalTable, int startWindow)
    {
        Span<double> sample = stackalloc double[256];
        var (s, l, t) = Lattice[startWindow];
        var crop = crop16.ToArray();
        double Score(double scale, double left, double top, Span<double> buffer)
        {
            if (scale < MinimumScale || scale > MaximumScale || left < 0 || top < 0 || left + scale > 1 + 1e-9 || top + scale > 1 + 1e-9) return double.NegativeInfinity;
            Sample(originalTable, scale, left, top, 16, buffer);
            var dot = 0.0;
            for (var k = 0; k < 256; k++) dot += crop[k] * buffer[k];
            return dot;
        }
        var best = Score(s, l, t, sample);
        double scaleStep = 0.02, positionStep = 1.0 / ThumbnailSide;
        for (var round = 0; round < 5; round++)
        {
            var moved = true;
            for (var guard = 0; moved && guard < 20; guard++)
            {
                moved = false;
                // Moves: grow or shrink about the window's centre, and shift along each axis.
                foreach (var (ds, dl, dt) in (ReadOnlySpan<(double, double, double)>)[
                    (scaleStep, -scaleStep / 2, -scaleStep / 2), (-scaleStep, scaleStep / 2, scaleStep / 2),
                    (0, positionStep, 0), (0, -positionStep, 0), (0, 0, positionStep), (0, 0, -positionStep)])
                {
                    var score = Score(s + ds, l + dl, t + dt, sample);
                    if (score > best + 1e-12) { best = score; (s, l, t) = (s + ds, l + dl, t + dt); moved = true; }
                }
            }
            scaleStep /= 2;
            positionStep /= 2;
        }
        return new CropFit(best, s, l, t);
    }

    private static double At(double[] table, double x, double y)
    {
        const int n = ThumbnailSide;
        x = Math.Clamp(x, 0, n);
        y = Math.Clamp(y, 0, n);
        var xi = Math.Min((int)x, n - 1);
        var yi = Math.Min((int)y, n - 1);
        var fx = x - xi;
        var fy = y - yi;
        var row0 = yi * (n + 1);
        var row1 = row0 + n + 1;
        return (1 - fy) * ((1 - fx) * table[row0 + xi] + fx * table[row0 + xi + 1])
             + fy * ((1 - fx) * table[row1 + xi] + fx * table[row1 + xi + 1]);
    }

    private static void Normalise(Span<double> v)
    {
        var mean = 0.0;
        foreach (var x in v) mean += x;
        mean /= v.Length;
        var norm = 0.0;
        for (var k = 0; k < v.Length; k++) { v[k] -= mean; norm += v[k] * v[k]; }
        if (norm <= 1e-12) { v.Clear(); return; }
        var inverse = 1 / Math.Sqrt(norm);
        for (var k = 0; k < v.Length; k++) v[k] *= inverse;
    }
}
