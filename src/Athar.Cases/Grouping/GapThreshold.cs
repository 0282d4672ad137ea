namespace Athar.Cases.Grouping;

/// <summary>
/// Learns where "the next photo of the same body" ends and "the next body" begins from one camera's gaps.
/// Gaps between shots of one body are seconds to a few minutes; gaps between bodies are the time to move
/// the card, the body and the photographer, a quarter of an hour or more. The threshold sits where gaps are
/// rarest per second between the two populations, then is pulled down to just past the body population's
/// own largest gaps.
/// </summary>
/// <remarks>
/// How (docs/cases.md, "Grouping"): a histogram of ln(gap) in bins of 0.1 (about 10%), smoothed with a
/// Gaussian of σ = 0.3. The body population's peak is the highest point; the between-body peak is the rightmost
/// local maximum at least a tenth as high and at least 1.5 (a factor of 4.5) to its right. Between them the threshold is the minimum of the density
/// per second (the log density divided by the gap), the place where the fewest gaps fall per second of waiting.
/// Then the edge: the smaller of that and 1.15 × the 99.5th percentile of the gaps below it (the largest of
/// them when there are few), because the body population's upper end is sharp while the between-body
/// population's lower end straggles towards it (a long body overruns its slot, the next starts quickly).
///
/// Rules that failed on the synthetic archives: Otsu's split (maximal between-class variance) put the threshold
/// at about 140 s, inside the within-body gaps; the emptiest point of the log histogram fell at about 75 s on a
/// camera with 80 gaps; a two-Gaussian mixture crossed at about 590 s, past a between-body gap of 515 s. The
/// within-body gaps are themselves two-humped (most shots 4-60 s apart, one in five 1-4 minutes), and in log
/// terms the sparse second hump looks like a valley; per second it does not.
/// </remarks>
public static class GapThreshold
{
    private const double Bin = 0.1;
    private const double Sigma = 0.3;
    private const double MinimumSeparation = 1.5;
    private const double SignificantPeak = 0.1;
    private const double EdgeQuantile = 0.995;
    private const double EdgeMargin = 1.15;

    /// <summary>The threshold in seconds for these gaps (seconds, all positive), or null if there are too few or no second population.</summary>
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
        var first = Array.IndexOf(density, density.Max());
        // The between-body peak: the rightmost local maximum of some weight (a tenth of the highest) far enough
        // to the right. Not simply the highest point there: the body population's own 1-4 minute hump can be higher.
        var second = -1;
        for (var b = first + (int)Math.Ceiling(MinimumSeparation / Bin); b < bins; b++)
            if (density[b] >= SignificantPeak * density[first] && density[b] >= density[b - 1] && (b == bins - 1 || density[b] > density[b + 1])) second = b;
        if (second < 0) return null;
        var valley = first;
        for (var b = first; b <= second; b++)
            if (PerSecond(density, b, low) < PerSecond(density, valley, low)) valley = b;
        if (density[first..second].Min() >= 0.8 * density[second]) return null; // one population with a tail
        var threshold = Math.Exp(low + valley * Bin);
        var below = gapSeconds.Where(g => g < threshold).Order().ToArray();
        if (below.Length == 0) return threshold;
        var edge = below[(int)Math.Ceiling(EdgeQuantile * (below.Length - 1))] * EdgeMargin;
        return Math.Min(threshold, edge);
    }

    private static double PerSecond(double[] density, int bin, double low) => density[bin] * Math.Exp(-(low + bin * Bin));
}
