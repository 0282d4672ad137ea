using System.Runtime.InteropServices;
using Athar.Forensics.Pdq;

namespace Athar.Bench.Shared;

/// <summary>
/// The hash bank both bank benchmarks query (BenchmarkDotNet's PdqHashIndexBenchmarks and athar-eval's `bank`):
/// random PDQ hashes, and random queries each with 4 planted bank neighbours at distances 0, 10, 20 and 31, so
/// every query has answers at the radius the goal names. Linked into both projects, so the two measure the same
/// thing.
/// </summary>
internal static class PlantedBank
{
    public static (PdqHash[] Bank, PdqHash[] Queries) Make(int size, int queryCount, int seed = 31)
    {
        var random = new Random(seed);
        var bank = GC.AllocateUninitializedArray<PdqHash>(size);
        random.NextBytes(MemoryMarshal.AsBytes(bank.AsSpan()));
        var queries = new PdqHash[queryCount];
        for (var q = 0; q < queryCount; q++)
        {
            queries[q] = RandomHash(random);
            var d = 0;
            foreach (var distance in (ReadOnlySpan<int>)[0, 10, 20, 31])
                bank[random.Next(size)] = FlipBits(queries[q], distance, d++ * 50);
        }
        return (bank, queries);
    }

    private static PdqHash RandomHash(Random random)
    {
        Span<PdqHash> one = stackalloc PdqHash[1];
        random.NextBytes(MemoryMarshal.AsBytes(one));
        return one[0];
    }

    /// <summary>Flips <paramref name="count"/> bits, 7 apart from bit <paramref name="start"/>, so they fall in several index segments.</summary>
    private static PdqHash FlipBits(PdqHash hash, int count, int start)
    {
        Span<ulong> w = [hash.W0, hash.W1, hash.W2, hash.W3];
        for (var i = 0; i < count; i++)
        {
            var bit = (start + i * 7) % 256;
            w[bit >> 6] ^= 1UL << (bit & 63);
        }
        return new PdqHash(w[0], w[1], w[2], w[3]);
    }
}
