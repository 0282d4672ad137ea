using Athar.Cards.Digits;

namespace Athar.Cards.Tests.Reading;

/// <summary>Held-out MNIST digits that the recogniser reads right and sure, for tests about finding and cutting, not recognising.</summary>
internal static class CleanDigits
{
    /// <summary>The first held-out sample of <paramref name="digit"/> read right with confidence above 0.97 (both networks sure: each was trained with label smoothing 0.05, so neither goes much past 0.98).</summary>
    public static byte[] Sample(int digit)
    {
        for (var i = 0; i < HeldOut.Set.Count(digit); i++)
        {
            var sample = HeldOut.Set.Sample(digit, i);
            var prediction = DigitClassifier.Default.Classify(sample);
            if (prediction.Digit == digit && prediction.Confidence > 0.97) return sample.ToArray();
        }
        throw new InvalidOperationException($"no clean {digit} in the held-out half");
    }

    /// <summary>The sample's ink (0-255) at (u, v) in its 28x28 pixels, bilinear, 0 outside.</summary>
    public static double Ink(byte[] sample, double u, double v)
    {
        int x = (int)Math.Floor(u), y = (int)Math.Floor(v);
        double fx = u - x, fy = v - y;
        double At(int xx, int yy) => (uint)xx < 28 && (uint)yy < 28 ? sample[yy * 28 + xx] : 0;
        return (At(x, y) * (1 - fx) + At(x + 1, y) * fx) * (1 - fy) + (At(x, y + 1) * (1 - fx) + At(x + 1, y + 1) * fx) * fy;
    }
}
