namespace Athar.Forensics.Pdq;

/// <summary>
/// Torben Mogensen's median (public domain; N. Devillard's write-up), which the PDQ reference uses
/// (facebook/ThreatExchange pdq/cpp/hashing/torben.cpp) to threshold the 256 DCT coefficients. It does not
/// reorder its input. For an even count it returns the lower median, and it may return the midpoint
/// "guess" when values tie with it, exactly as the reference: the hash bit is "value &gt; median", so the
/// choice matters at the boundary and is kept identical.
/// </summary>
internal static class TorbenMedian
{
    /// <summary>The median of <paramref name="values"/>. Requires at least one value, none NaN.</summary>
    public static float Of(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) throw new ArgumentException("median of no values", nameof(values));
        var n = values.Length;
        var half = (n + 1) / 2;
        float min = values[0], max = values[0];
        for (var i = 1; i < n; i++)
        {
            if (values[i] < min) min = values[i];
            if (values[i] > max) max = values[i];
        }

        while (true)
        {
            var guess = (min + max) / 2;
            int less = 0, greater = 0, equal = 0;
            var maxLessThanGuess = min;
            var minGreaterThanGuess = max;
            foreach (var v in values)
            {
                if (v < guess)
                {
                    less++;
                    if (v > maxLessThanGuess) maxLessThanGuess = v;
                }
                else if (v > guess)
                {
                    greater++;
                    if (v < minGreaterThanGuess) minGreaterThanGuess = v;
                }
                else
                {
                    equal++;
                }
            }

            if (less <= half && greater <= half)
            {
                if (less >= half) return maxLessThanGuess;
                if (less + equal >= half) return guess;
                return minGreaterThanGuess;
            }
            if (less > greater) max = maxLessThanGuess;
            else min = minGreaterThanGuess;
        }
    }
}
