using Athar.Forensics.HashIndex;
using Athar.Forensics.Pdq;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.HashIndex;

/// <summary>The multi-index hash index must return exactly what a linear scan returns.</summary>
public sealed class PdqHashIndexTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(31)]
    public void Haystack_needles_match_the_linear_scan(int radius)
    {
        var haystack = ReadHashes("haystack.txt");
        var needles = ReadHashes("needles.txt");
        var index = PdqHashIndex.Build(haystack);
        var total = 0;

        foreach (var needle in needles)
        {
            var expected = LinearScan.Query(haystack, needle, radius);
            var actual = index.Query(needle, radius);
            Assert.Equal(expected, actual);
            total += actual.Count;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"radius {radius}: {total} matches for {needles.Length} needles in {haystack.Length}");
        if (radius == 31) Assert.True(total > 0, "the reference needles have near neighbours in the haystack");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(40)]
    [InlineData(63)]
    [InlineData(64)]
    public void Planted_neighbours_at_distances_0_to_40_match_the_linear_scan(int radius)
    {
        var random = new Random(20260 + radius);
        var bank = new List<PdqHash>();
        for (var i = 0; i < 5000; i++) bank.Add(RandomHash(random));
        var queries = new List<PdqHash>();
        for (var q = 0; q < 40; q++)
        {
            var query = RandomHash(random);
            queries.Add(query);
            // Plant neighbours at every distance 0..40, with the flipped bits spread or packed into few segments.
            for (var d = 0; d <= 40; d++)
            {
                bank.Add(FlipRandomBits(query, d, random));
                bank.Add(FlipPackedBits(query, d, random.Next(256)));
            }
        }
        var hashes = bank.ToArray();
        var ids = Enumerable.Range(0, hashes.Length).Select(i => 1_000_000L + 7L * i).ToArray();
        var index = PdqHashIndex.Build(hashes, ids);

        foreach (var query in queries)
        {
            var expected = new List<PdqMatch>();
            LinearScan.Query(hashes, ids, query, radius, expected);
            Assert.Equal(expected, index.Query(query, radius));
            Assert.True(expected.Count >= 2 * Math.Min(radius + 1, 41));
        }
    }

    [Fact]
    public void An_adopted_array_answers_like_a_copied_one()
    {
        var haystack = ReadHashes("haystack.txt");
        var copied = PdqHashIndex.Build(haystack);
        var adopted = PdqHashIndex.Adopt((PdqHash[])haystack.Clone());
        foreach (var needle in ReadHashes("needles.txt"))
            Assert.Equal(copied.Query(needle, 31), adopted.Query(needle, 31));
        Assert.Equal(copied.MemoryBytes, adopted.MemoryBytes);
    }

    [Fact]
    public void Empty_index_finds_nothing()
    {
        var index = PdqHashIndex.Build([]);
        Assert.Empty(index.Query(PdqHash.Zero, 31));
        Assert.Empty(index.Query(PdqHash.Zero, 256));
    }

    [Fact]
    public void Hash_close_in_many_segments_is_reported_once()
    {
        var hash = new PdqHash(0x0123456789abcdef, 0xfedcba9876543210, 0x0f0f0f0f0f0f0f0f, 0xf0f0f0f0f0f0f0f0);
        var index = PdqHashIndex.Build([hash, hash]);

        var matches = index.Query(hash, 31);

        Assert.Equal([new PdqMatch(0, hash, 0), new PdqMatch(1, hash, 0)], matches);
    }

    [Fact]
    public void Negative_radius_is_refused()
    {
        var index = PdqHashIndex.Build([PdqHash.Zero]);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Query(PdqHash.Zero, -1));
    }

    private static PdqHash[] ReadHashes(string name) =>
        File.ReadLines(Path.Combine(TestData.Pdq, "reg-test-input", name))
            .Where(l => l.Trim().Length > 0)
            .Select(l => PdqHash.Parse(l.Trim()))
            .ToArray();

    internal static PdqHash RandomHash(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        return new PdqHash(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..]), BitConverter.ToUInt64(bytes[16..]), BitConverter.ToUInt64(bytes[24..]));
    }

    private static PdqHash FlipRandomBits(PdqHash hash, int count, Random random)
    {
        var bits = Enumerable.Range(0, 256).OrderBy(_ => random.Next()).Take(count);
        return Flip(hash, bits);
    }

    private static PdqHash FlipPackedBits(PdqHash hash, int count, int start) =>
        Flip(hash, Enumerable.Range(start, count).Select(b => b % 256));

    private static PdqHash Flip(PdqHash hash, IEnumerable<int> bits)
    {
        Span<ulong> w = [hash.W0, hash.W1, hash.W2, hash.W3];
        foreach (var b in bits) w[b >> 6] ^= 1UL << (b & 63);
        return new PdqHash(w[0], w[1], w[2], w[3]);
    }
}
