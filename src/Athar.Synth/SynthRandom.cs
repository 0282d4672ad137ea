namespace Athar.Synth;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64. Owned here, not System.Random,
/// so that the same seed gives the same archive on every .NET version. Not thread-safe: derive one per
/// photo with <see cref="For"/>.
/// </summary>
internal sealed class SynthRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SynthRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    /// <summary>An independent stream for (seed, purpose, index), e.g. (seed, "photo", 17).</summary>
    public static SynthRandom For(long seed, string purpose, long index)
    {
        var h = 0xCBF29CE484222325UL; // FNV-1a of the purpose, mixed with seed and index
        foreach (var c in purpose) { h ^= c; h *= 0x100000001B3UL; }
        var x = (ulong)seed ^ h;
        var a = SplitMix(ref x);
        x = a ^ (ulong)index * 0x9E3779B97F4A7C15UL;
        return new SynthRandom(SplitMix(ref x));
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, max). Requires max &gt; 0.</summary>
    public int Next(int max) => (int)(NextDouble() * max);

    /// <summary>Uniform integer in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>Uniform in [min, max).</summary>
    public double Range(double min, double max) => min + NextDouble() * (max - min);

    public float RangeF(float min, float max) => (float)Range(min, max);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Standard normal (Box-Muller).</summary>
    public double Gaussian()
    {
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
