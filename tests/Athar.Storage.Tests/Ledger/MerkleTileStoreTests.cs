using Athar.Core.Custody;
using Athar.Storage.Ledger;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Ledger;

public class MerkleTileStoreTests
{
    private static readonly byte[][] Leaves = ReferenceMerkleTree.Leaves(300);

    private static byte[] Concat(ReadOnlySpan<byte[]> hashes)
    {
        var all = new byte[hashes.Length * Rfc6962.HashSize];
        for (var i = 0; i < hashes.Length; i++) hashes[i].CopyTo(all, i * Rfc6962.HashSize);
        return all;
    }

    /// <summary>Hash lists compared directly: xunit's nested-collection comparison is slow over 90,000 proofs.</summary>
    private static void AssertSameHashes(IReadOnlyList<byte[]> expected, IReadOnlyList<byte[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (!expected[i].AsSpan().SequenceEqual(actual[i])) Assert.Fail($"hash {i} of {expected.Count} differs");
        }
    }

    [Fact]
    public void Roots_and_proofs_equal_the_reference_for_every_size_up_to_300()
    {
        using var dir = new TempDirectory("tiles");
        using var store = MerkleTileStore.Open(dir.Path);
        Assert.Equal(Rfc6962.EmptyRoot(), store.Root(0));
        var roots = new byte[301][];
        roots[0] = Rfc6962.EmptyRoot();
        for (var n = 1; n <= 300; n++)
        {
            // Leaves one at a time: every append path (odd and even counts, new levels) is exercised.
            store.Append(Leaves[n - 1]);
            Assert.Equal(n, store.Size);
            var tree = Leaves.AsSpan(0, n);
            roots[n] = ReferenceMerkleTree.Mth(tree);
            Assert.Equal(roots[n], store.Root(n));
            for (var m = 0; m < n; m++)
            {
                var proof = store.InclusionProof(m, n);
                AssertSameHashes(ReferenceMerkleTree.Path(m, tree), proof);
                Assert.True(MerkleProofs.VerifyInclusion(m, n, Leaves[m], proof, roots[n]));
            }
            for (var m = 1; m <= n; m++)
            {
                var proof = store.ConsistencyProof(m, n);
                AssertSameHashes(ReferenceMerkleTree.Proof(m, tree), proof);
                Assert.True(MerkleProofs.VerifyConsistency(m, n, proof, roots[m], roots[n]), $"{m} -> {n}");
            }
        }
        // Historic sizes from the final store: every root, and proofs at several old sizes.
        for (var n = 0; n <= 300; n++) Assert.Equal(roots[n], store.Root(n));
        foreach (var n in new[] { 1, 2, 3, 64, 65, 127, 128, 129, 255, 256, 257 })
        {
            var tree = Leaves.AsSpan(0, n);
            for (var m = 0; m < n; m++) AssertSameHashes(ReferenceMerkleTree.Path(m, tree), store.InclusionProof(m, n));
            for (var m = 1; m <= n; m++) AssertSameHashes(ReferenceMerkleTree.Proof(m, tree), store.ConsistencyProof(m, n));
        }
    }

    [Fact]
    public void AppendRange_in_uneven_batches_equals_appending_one_by_one()
    {
        using var dir = new TempDirectory("tiles");
        using var store = MerkleTileStore.Open(dir.Path);
        var at = 0;
        foreach (var batch in new[] { 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 69 })
        {
            store.AppendRange(Concat(Leaves.AsSpan(at, batch)));
            at += batch;
            Assert.Equal(ReferenceMerkleTree.Mth(Leaves.AsSpan(0, at)), store.Root(at));
        }
        Assert.Equal(300, store.Size);
        for (var m = 0; m < 300; m += 7) Assert.Equal(Leaves[m], store.LeafHash(m));
        Assert.Equal(0, store.VerifyUpperLevels());
    }

    [Fact]
    public void A_batch_larger_than_one_chunk_is_right()
    {
        using var dir = new TempDirectory("tiles");
        using var store = MerkleTileStore.Open(dir.Path);
        var leaves = new byte[150_001 * Rfc6962.HashSize];
        new Random(1).NextBytes(leaves);
        store.Append(leaves.AsSpan(0, 32));
        store.AppendRange(leaves.AsSpan(32));
        Assert.Equal(150_001, store.Size);
        Assert.Equal(0, store.VerifyUpperLevels());
        var leaf = leaves.AsSpan(77_777 * 32, 32).ToArray();
        Assert.True(MerkleProofs.VerifyInclusion(77_777, 150_001, leaf, store.InclusionProof(77_777, 150_001), store.Root(150_001)));
    }

    [Fact]
    public void Reopening_after_dispose_gives_the_same_roots()
    {
        using var dir = new TempDirectory("tiles");
        using (var store = MerkleTileStore.Open(dir.Path))
        {
            store.AppendRange(Concat(Leaves.AsSpan(0, 200)));
            store.Flush(durable: true);
        }
        using (var store = MerkleTileStore.Open(dir.Path))
        {
            Assert.Equal(200, store.Size);
            for (var n = 0; n <= 200; n += 9) Assert.Equal(ReferenceMerkleTree.Mth(Leaves.AsSpan(0, n)), store.Root(n));
            store.AppendRange(Concat(Leaves.AsSpan(200, 100)));
            Assert.Equal(ReferenceMerkleTree.Mth(Leaves), store.Root(300));
        }
    }

    [Fact]
    public void Torn_tails_are_repaired_on_open()
    {
        using var dir = new TempDirectory("tiles");
        using (var store = MerkleTileStore.Open(dir.Path)) store.AppendRange(Concat(Leaves.AsSpan(0, 150)));

        // A partial hash on every level, and a zeroed (extended but never written) last hash on level 2.
        for (var level = 0; level < 8; level++)
        {
            using var f = File.Open(Path.Combine(dir.Path, $"level-{level:D2}.hashes"), FileMode.Append);
            f.Write([0xde, 0xad, 0xbe, 0xef, 0x01]);
        }
        var level2 = Path.Combine(dir.Path, "level-02.hashes");
        var bytes = File.ReadAllBytes(level2);
        Array.Clear(bytes, (150 / 4 - 1) * 32, 32);
        File.WriteAllBytes(level2, bytes);
        // A level file lost altogether, and one left over from a larger tree.
        File.Delete(Path.Combine(dir.Path, "level-04.hashes"));
        File.WriteAllBytes(Path.Combine(dir.Path, "level-09.hashes"), new byte[64]);

        using (var store = MerkleTileStore.Open(dir.Path))
        {
            Assert.Equal(150, store.Size);
            Assert.Equal(0, store.VerifyUpperLevels());
            for (var n = 1; n <= 150; n++) Assert.Equal(ReferenceMerkleTree.Mth(Leaves.AsSpan(0, n)), store.Root(n));
            store.AppendRange(Concat(Leaves.AsSpan(150, 150)));
            Assert.Equal(ReferenceMerkleTree.Mth(Leaves), store.Root(300));
        }
        Assert.Equal(300 * 32, new FileInfo(Path.Combine(dir.Path, "level-00.hashes")).Length);
    }

    [Fact]
    public void An_upper_level_hash_damaged_in_the_middle_is_found_by_the_audit()
    {
        using var dir = new TempDirectory("tiles");
        using (var store = MerkleTileStore.Open(dir.Path)) store.AppendRange(Concat(Leaves.AsSpan(0, 300)));
        var level1 = Path.Combine(dir.Path, "level-01.hashes");
        var bytes = File.ReadAllBytes(level1);
        bytes[10 * 32 + 5] ^= 0x40; // node 10 of 150: outside the tail that Open rechecks
        File.WriteAllBytes(level1, bytes);
        using var reopened = MerkleTileStore.Open(dir.Path);
        // Root(22) folds leaves 0-15, 16-19 and 20-21, the last of which is level-1 node 10.
        Assert.NotEqual(ReferenceMerkleTree.Mth(Leaves.AsSpan(0, 22)), reopened.Root(22));
        Assert.Equal(1, reopened.VerifyUpperLevels());
        Assert.Equal(ReferenceMerkleTree.Mth(Leaves.AsSpan(0, 22)), reopened.Root(22));
    }

    [Fact]
    public void TruncateTo_then_Append_again_rebuilds_the_same_tree()
    {
        using var dir = new TempDirectory("tiles");
        using (var store = MerkleTileStore.Open(dir.Path))
        {
            store.AppendRange(Concat(Leaves.AsSpan(0, 300)));
            foreach (var size in new[] { 257, 256, 100, 1, 0 })
            {
                store.TruncateTo(size);
                Assert.Equal(size, store.Size);
                Assert.Equal(ReferenceMerkleTree.Mth(Leaves.AsSpan(0, size)), store.Root(size));
            }
            // Different leaves after the cut: nothing of the old tree may leak into the new one.
            var other = ReferenceMerkleTree.Leaves(400)[100..];
            store.AppendRange(Concat(other.AsSpan(0, 5)));
            Assert.Equal(ReferenceMerkleTree.Mth(other.AsSpan(0, 5)), store.Root(5));
            store.TruncateTo(3);
            store.AppendRange(Concat(Leaves.AsSpan(3, 297)));
            var expected = other[..3].Concat(Leaves[3..]).ToArray();
            Assert.Equal(ReferenceMerkleTree.Mth(expected), store.Root(300));
            Assert.Throws<ArgumentOutOfRangeException>(() => store.TruncateTo(301));
        }
        using (var reopened = MerkleTileStore.Open(dir.Path))
        {
            Assert.Equal(300, reopened.Size);
            Assert.Equal(0, reopened.VerifyUpperLevels());
        }
    }

    [Fact]
    public void Random_appends_truncations_and_reopens_agree_with_the_reference()
    {
        var random = new Random(9162);
        var leaves = ReferenceMerkleTree.Leaves(700);
        using var dir = new TempDirectory("tiles");
        var store = MerkleTileStore.Open(dir.Path);
        try
        {
            var size = 0;
            for (var step = 0; step < 200; step++)
            {
                switch (random.Next(4))
                {
                    case 0 when size > 0:
                        size = random.Next(0, size);
                        store.TruncateTo(size);
                        break;
                    case 1:
                        store.Dispose();
                        store = MerkleTileStore.Open(dir.Path);
                        break;
                    default:
                        var add = Math.Min(random.Next(1, 40), 700 - size);
                        store.AppendRange(Concat(leaves.AsSpan(size, add)));
                        size += add;
                        break;
                }
                Assert.Equal(size, store.Size);
                var tree = leaves.AsSpan(0, size);
                Assert.Equal(ReferenceMerkleTree.Mth(tree), store.Root(size));
                if (size == 0) continue;
                var m = random.Next(0, size);
                AssertSameHashes(ReferenceMerkleTree.Path(m, tree), store.InclusionProof(m, size));
                var old = random.Next(1, size + 1);
                AssertSameHashes(ReferenceMerkleTree.Proof(old, tree), store.ConsistencyProof(old, size));
            }
            Assert.Equal(0, store.VerifyUpperLevels());
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void A_second_open_of_the_same_folder_is_refused_while_the_first_is_open()
    {
        using var dir = new TempDirectory("tiles");
        using (var store = MerkleTileStore.Open(dir.Path))
        {
            store.Append(Leaves[0]);
            Assert.Throws<IOException>(() => MerkleTileStore.Open(dir.Path));
        }
        using var again = MerkleTileStore.Open(dir.Path);
        Assert.Equal(1, again.Size);
    }

    [Fact]
    public void Out_of_range_requests_throw_naming_the_numbers()
    {
        using var dir = new TempDirectory("tiles");
        using var store = MerkleTileStore.Open(dir.Path);
        store.AppendRange(Concat(Leaves.AsSpan(0, 10)));
        Assert.Contains("11", Assert.Throws<ArgumentOutOfRangeException>(() => store.Root(11)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.InclusionProof(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.InclusionProof(0, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.ConsistencyProof(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.ConsistencyProof(6, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.LeafHash(10));
        Assert.Throws<ArgumentException>(() => store.Append(new byte[31]));
        Assert.Throws<ArgumentException>(() => store.AppendRange(new byte[33]));
        Assert.Empty(store.ConsistencyProof(5, 5));
    }
}
