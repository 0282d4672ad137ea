namespace Athar.Cases.Grouping;

/// <summary>
/// Learns where "the next photo of the same body" ends and "the next body" begins from one camera's gaps.
/// Gaps between shots of one body are seconds to a few minutes; gaps between bodies are the time to move
/// the card, the body and the photographer, a quarter of an hour or more. On a log scale they form two
/// humps, and the threshold is the emptiest point between them (the valley of a smoothed histogram).
/// </summary>
/// <remarks>
/// Otsu's split (maximal between-class variance) was tried first and put the threshold at about 140 s on the
/// synthetic archives, inside the within-body gaps: those are themselves two-humped (most shots 4-60 s apart,
/// one in five 1-4 minutes), and Otsu favours splitting the big class. The valley is where gaps are rare,
/// which is what a boundary between bodies means. Bins are 0.1 in ln(seconds) (about 10%), smoothed with a
/// Gaussian of σ = 0.3 (a factor of 1.35), so a handful of gaps cannot make a valley of their own. The valley's
/// middle alone put the threshold near 430 s, past five between-body gaps of 2,000 synthetic photos; the threshold
/// is therefore the smaller of the valley and 1.15 × the 99.5th percentile of the gaps below it.
/// </remarks>
public static class GapThreshold
{
    private const double Bin = 0.1;
    private const double Sigma = 0.3;

    /// <summary>The two humps must be at least this far apart in ln(seconds) (a factor of 4.5) to count as two.</summary>
    private const double MinimumSeparation = 1.5;

    /// <summary>The share of the body hump's gaps the threshold must clear, and by how much more.</summary>
    private const double EdgeQuantile = 0.995;
    private const double EdgeMargin = 1.15;

    /// <summary>The threshold in seconds for these gaps (seconds, all positive), or null if there are too few or no valley.</summary>
    public static double? Learn(IReadOnlyList<double> gapSeconds, int minimumGaps)
    {
        if (gapSeconds.Count < minimumGaps) return null;
        var logs = gapSeconds.Select(g => Math.Log(Math.Max(g, 1))).ToArray();
        var low = logs.Min() - 3 * Sigma;
        var bins = (int)Math.Ceiling((logs.Max() + 3 * Sigma - low) / Bin) + 1;
        var density = new double[bins];
        var reach = (int)Math.Ceiling(3 * Sigma / Bin);
        foreach (var x in logs)
        {
            var centre = (int)Math.Round((x - low) / Bin);
            for (var b = Math.Max(0, centre - reach); b <= Math.Min(bins - 1, centre + reach); b++)
            {
                var z = (low + b * Bin - x) / Sigma;
                density[b] += Math.Exp(-0.5 * z * z);
            }
        }
        // The within-body hump is the highest (a body has several shots and one boundary); the between-body
        // hump is the highest point far enough to its right.
        var first = Array.IndexOf(density, density.Max());
        var minimumBins = (int)Math.Ceiling(MinimumSeparation / Bin);
        var second = -1;
        for (var b = first + minimumBins; b < bins; b++)
            if (second < 0 || density[b] > density[second]) second = b;
        if (second < 0) return null;
        // The lowest point between them; on a flat bottom (no gaps at all there), its middle.
        var lowest = density[first..second].Min();
        int start = -1, end = -1;
        for (var b = first; b <= second; b++)
            if (density[b] <= lowest + 1e-9) { if (start < 0) start = b; end = b; }
        if (lowest >= 0.8 * density[second]) return null; // no real valley: one hump with a tail
        var valley = Math.Exp(low + (start + end) / 2.0 * Bin);
        // The body hump is dense and its edge sharp; the between-body hump is sparse and its low tail reaches
        // into the valley (a long body overruns its slot, the next starts quickly). So the threshold hugs the
        // body hump: just past nearly all of its gaps, never past the valley.
        var below = gapSeconds.Where(g => g < valley).Order().ToArray();
        if (below.Length == 0) return valley;
        var edge = below[(int)Math.Ceiling(EdgeQuantile * (below.Length - 1))] * EdgeMargin;
        return Math.Min(valley, edge);
    }
}
