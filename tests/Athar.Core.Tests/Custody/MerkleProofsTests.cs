using Athar.TestSupport;
using Athar.Core.Custody;

namespace Athar.Core.Tests.Custody;

/// <summary>The verifier against the literal RFC 6962 reference, plus mutations that must fail.</summary>
public class MerkleProofsTests
{
    private static readonly byte[][] Leaves = ReferenceMerkleTree.Leaves(300);

    [Fact]
    public void Every_inclusion_proof_of_trees_up_to_130_leaves_verifies_and_gives_the_reference_root()
    {
        for (var n = 1; n <= 130; n++)
        {
            var tree = Leaves.AsSpan(0, n);
            var root = ReferenceMerkleTree.Mth(tree);
            for (var m = 0; m < n; m++)
            {
                var path = ReferenceMerkleTree.Path(m, tree);
                Assert.Equal(path.Count, MerkleProofs.InclusionProofLength(m, n));
                Assert.Equal(root, MerkleProofs.RootFromInclusionProof(m, n, Leaves[m], path));
                Assert.True(MerkleProofs.VerifyInclusion(m, n, Leaves[m], path, root), $"leaf {m} of {n}");
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_of_trees_up_to_130_leaves_verifies()
    {
        var roots = new byte[131][];
        for (var n = 1; n <= 130; n++) roots[n] = ReferenceMerkleTree.Mth(Leaves.AsSpan(0, n));
        for (var n = 1; n <= 130; n++)
        {
            for (var m = 1; m <= n; m++)
            {
                var proof = ReferenceMerkleTree.Proof(m, Leaves.AsSpan(0, n));
                var error = MerkleProofs.ConsistencyError(m, n, proof, roots[m], roots[n]);
                Assert.True(error is null, $"{m} -> {n}: {error}");
            }
        }
    }

    [Fact]
    public void Random_larger_trees_agree_with_the_reference()
    {
        var random = new Random(6962);
        var leaves = ReferenceMerkleTree.Leaves(5000);
        for (var t = 0; t < 12; t++)
        {
            var n = random.Next(131, 5001);
            var tree = leaves.AsSpan(0, n);
            var root = ReferenceMerkleTree.Mth(tree);
            var m = random.Next(0, n);
            var path = ReferenceMerkleTree.Path(m, tree);
            Assert.True(MerkleProofs.VerifyInclusion(m, n, leaves[m], path, root), $"leaf {m} of {n}");
            var size1 = random.Next(1, n + 1);
            var proof = ReferenceMerkleTree.Proof(size1, tree);
            Assert.Null(MerkleProofs.ConsistencyError(size1, n, proof, ReferenceMerkleTree.Mth(leaves.AsSpan(0, size1)), root));
        }
    }

    [Fact]
    public void Any_flipped_bit_wrong_index_or_wrong_size_fails_inclusion()
    {
        const int n = 37;
        var tree = Leaves.AsSpan(0, n);
        var root = ReferenceMerkleTree.Mth(tree);
        for (var m = 0; m < n; m++)
        {
            var path = ReferenceMerkleTree.Path(m, tree);
            for (var i = 0; i < path.Count; i++)
            {
                var mutated = path.Select(p => (byte[])p.Clone()).ToList();
                mutated[i][i % 32] ^= 0x10;
                Assert.False(MerkleProofs.VerifyInclusion(m, n, Leaves[m], mutated, root));
            }
            Assert.False(MerkleProofs.VerifyInclusion(m, n, Leaves[(m + 1) % n], path, root));
            Assert.False(MerkleProofs.VerifyInclusion((m + 1) % n, n, Leaves[m], path, root));
            // A size that changes the proof's shape must fail. (n + 1 may not: the hashes alone do not bind the
            // size, which is why a checkpoint signs the size together with the root.)
            Assert.False(MerkleProofs.VerifyInclusion(m, 2 * n, Leaves[m], path, root));
            Assert.False(MerkleProofs.VerifyInclusion(m, n, Leaves[m], [.. path, root], root));
        }
    }

    [Fact]
    public void Any_flipped_bit_or_wrong_size_fails_consistency()
    {
        const int n = 45;
        var root2 = ReferenceMerkleTree.Mth(Leaves.AsSpan(0, n));
        for (var m = 1; m < n; m++)
        {
            var root1 = ReferenceMerkleTree.Mth(Leaves.AsSpan(0, m));
            var proof = ReferenceMerkleTree.Proof(m, Leaves.AsSpan(0, n));
            for (var i = 0; i < proof.Count; i++)
            {
                var mutated = proof.Select(p => (byte[])p.Clone()).ToList();
                mutated[i][31 - i % 32] ^= 0x01;
                Assert.False(MerkleProofs.VerifyConsistency(m, n, mutated, root1, root2), $"{m} -> {n}, bit in [{i}]");
            }
            Assert.False(MerkleProofs.VerifyConsistency(m, 2 * n, proof, root1, root2));
            Assert.False(MerkleProofs.VerifyConsistency(m + 1, n, proof, root1, root2));
            Assert.False(MerkleProofs.VerifyConsistency(m, n, proof, root2, root1));
            Assert.False(MerkleProofs.VerifyConsistency(m, n, proof.Take(proof.Count - 1).ToList(), root1, root2));
        }
    }

    [Fact]
    public void Malformed_inclusion_input_throws_naming_the_numbers()
    {
        var path = ReferenceMerkleTree.Path(2, Leaves.AsSpan(0, 5));
        var e = Assert.Throws<MerkleProofException>(() => MerkleProofs.RootFromInclusionProof(7, 5, Leaves[2], path));
        Assert.Contains("7", e.Message);
        Assert.Contains("5", e.Message);
        e = Assert.Throws<MerkleProofException>(() => MerkleProofs.RootFromInclusionProof(2, 5, Leaves[2], path.Take(1).ToList()));
        Assert.Contains("needs", e.Message);
        Assert.Throws<MerkleProofException>(() => MerkleProofs.RootFromInclusionProof(2, 5, new byte[31], path));
    }
}
