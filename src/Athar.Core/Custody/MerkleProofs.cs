namespace Athar.Core.Custody;

/// <summary>
/// Verification of RFC 6962 Merkle audit (inclusion) proofs and consistency proofs, following the
/// algorithms of RFC 9162 section 2.1.3.2 and 2.1.4.2, which verify the proofs RFC 6962 section 2.1.1
/// (PATH) and 2.1.2 (PROOF) produce. Every check is exact: a proof with a missing, extra or altered
/// component, a wrong index or size, or a hash of the wrong length is rejected.
/// </summary>
/// <remarks>
/// The proof components are listed from the leaf (or the smaller tree) upwards, as RFC 6962 produces them.
/// Nothing here allocates beyond the result of <see cref="RootFromInclusionProof"/>.
/// </remarks>
public static partial class MerkleProofs
{
    /// <summary>
    /// Whether <paramref name="proof"/> proves that <paramref name="leafHash"/> is the leaf at
    /// <paramref name="index"/> of the tree of <paramref name="size"/> leaves whose root is <paramref name="root"/>.
    /// Requires 0 &lt;= index &lt; size; any input that breaks a precondition is reported as false, never thrown.
    /// </summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        Span<byte> computed = stackalloc byte[Rfc6962.HashSize];
        return TryRootFromInclusionProof(index, size, leafHash, proof, computed) is null
            && root.Length == Rfc6962.HashSize
            && computed.SequenceEqual(root);
    }

    /// <summary>
    /// The root that <paramref name="proof"/> implies for the leaf <paramref name="leafHash"/> at
    /// <paramref name="index"/> of a tree of <paramref name="size"/> leaves (RFC 9162 section 2.1.3.2).
    /// Requires 0 &lt;= index &lt; size, a 32-byte leaf hash, 32-byte components and exactly as many components
    /// as the index and size imply. Throws <see cref="MerkleProofException"/> naming the numbers otherwise.
    /// The caller compares the result with a trusted root; only then is the proof checked.
    /// </summary>
    public static byte[] RootFromInclusionProof(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        var root = new byte[Rfc6962.HashSize];
        var error = TryRootFromInclusionProof(index, size, leafHash, proof, root);
        if (error is not null) throw new MerkleProofException(error);
        return root;
    }

    /// <summary>
    /// The number of components an inclusion proof for <paramref name="index"/> in a tree of
    /// <paramref name="size"/> leaves has. Requires 0 &lt;= index &lt; size.
    /// </summary>
    public static int InclusionProofLength(long index, long size)
    {
        if (index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is not in [0, {size})");
        // The path climbs to the level where index and the last leaf part ways (the inner part), then
        // takes one hash for every left sibling above it (each 1 bit of the index above that level).
        var inner = 64 - long.LeadingZeroCount(index ^ (size - 1));
        var border = long.PopCount(index >> (int)inner);
        return (int)(inner + border);
    }

    private static string? TryRootFromInclusionProof(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, Span<byte> root)
    {
        if (size <= 0) return $"tree size {size} has no leaves to prove";
        if (index < 0 || index >= size) return $"leaf index {index} is not in a tree of size {size}";
        if (leafHash.Length != Rfc6962.HashSize) return $"leaf hash has {leafHash.Length} bytes, expected {Rfc6962.HashSize}";
        var expected = InclusionProofLength(index, size);
        if (proof.Count != expected)
            return $"inclusion proof for leaf {index} in a tree of size {size} needs {expected} hashes, got {proof.Count}";

        // RFC 9162 section 2.1.3.2. fn walks the leaf's position up the tree and sn the last leaf's; while
        // they differ, a 1 bit in fn (or fn being the rightmost node) means the sibling is on the left.
        leafHash.CopyTo(root);
        var fn = index;
        var sn = size - 1;
        for (var i = 0; i < proof.Count; i++)
        {
            var p = proof[i];
            if (p is null || p.Length != Rfc6962.HashSize)
                return $"inclusion proof component {i} has {p?.Length ?? 0} bytes, expected {Rfc6962.HashSize}";
            if (sn == 0) return $"inclusion proof for leaf {index} in a tree of size {size} has more than {i} hashes";
            if ((fn & 1) == 1 || fn == sn)
            {
                Rfc6962.HashChildren(p, root, root);
                // A rightmost node with no right sibling is promoted unchanged (RFC 6962 section 2.1).
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                Rfc6962.HashChildren(root, p, root);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? null : $"inclusion proof for leaf {index} in a tree of size {size} is too short ({proof.Count} hashes)";
    }
}
