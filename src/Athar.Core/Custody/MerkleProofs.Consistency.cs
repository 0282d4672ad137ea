namespace Athar.Core.Custody;

public static partial class MerkleProofs
{
    /// <summary>
    /// Whether <paramref name="proof"/> proves that the tree of <paramref name="size1"/> leaves with root
    /// <paramref name="root1"/> is a prefix of the tree of <paramref name="size2"/> leaves with root
    /// <paramref name="root2"/> (RFC 9162 section 2.1.4.2, for proofs built as in RFC 6962 section 2.1.2).
    /// </summary>
    /// <remarks>
    /// Requires 0 &lt; size1 &lt;= size2. A consistency check from the empty tree proves nothing and is
    /// rejected, as the shared test vectors require. When size1 == size2 the proof must be empty and the two
    /// roots byte-for-byte equal. Any input that breaks a precondition is reported as false, never thrown.
    /// </remarks>
    public static bool VerifyConsistency(long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
        => ConsistencyError(size1, size2, proof, root1, root2) is null;

    /// <summary>
    /// As <see cref="VerifyConsistency"/>, but says why a proof fails: null when it verifies, otherwise a
    /// sentence naming the sizes involved.
    /// </summary>
    public static string? ConsistencyError(long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        if (size1 < 0 || size2 < 0) return $"tree sizes {size1} and {size2} must not be negative";
        if (size1 > size2) return $"size1 {size1} is greater than size2 {size2}";
        if (size1 == 0) return "a consistency check from the empty tree proves nothing";
        if (size1 == size2)
        {
            if (proof.Count != 0) return $"size1 equals size2 ({size1}) but the proof has {proof.Count} hashes";
            return root1.SequenceEqual(root2) ? null : $"trees of equal size {size1} have different roots";
        }
        if (root1.Length != Rfc6962.HashSize || root2.Length != Rfc6962.HashSize)
            return $"roots have {root1.Length} and {root2.Length} bytes, expected {Rfc6962.HashSize}";
        if (proof.Count == 0) return $"consistency proof from size {size1} to {size2} is empty";
        for (var i = 0; i < proof.Count; i++)
        {
            if (proof[i] is null || proof[i].Length != Rfc6962.HashSize)
                return $"consistency proof component {i} has {proof[i]?.Length ?? 0} bytes, expected {Rfc6962.HashSize}";
        }

        // RFC 9162 section 2.1.4.2. When size1 is a power of two the old tree is itself a node of the new
        // one, and RFC 6962 leaves it out of the proof: the verifier starts from root1 instead.
        var startsWithRoot1 = (size1 & (size1 - 1)) == 0;
        Span<byte> fr = stackalloc byte[Rfc6962.HashSize];
        Span<byte> sr = stackalloc byte[Rfc6962.HashSize];
        var first = startsWithRoot1 ? root1 : proof[0];
        first.CopyTo(fr);
        first.CopyTo(sr);
        var next = startsWithRoot1 ? 0 : 1;

        var fn = size1 - 1;
        var sn = size2 - 1;
        // Skip the levels where the old tree's last node is a right child: that node is first itself.
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        for (var i = next; i < proof.Count; i++)
        {
            var c = proof[i];
            if (sn == 0) return $"consistency proof from size {size1} to {size2} has more than {i} hashes";
            if ((fn & 1) == 1 || fn == sn)
            {
                Rfc6962.HashChildren(c, fr, fr);
                Rfc6962.HashChildren(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                Rfc6962.HashChildren(sr, c, sr);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) return $"consistency proof from size {size1} to {size2} is too short ({proof.Count} hashes)";
        if (!fr.SequenceEqual(root1)) return $"consistency proof does not reproduce the root of size {size1}";
        if (!sr.SequenceEqual(root2)) return $"consistency proof does not reproduce the root of size {size2}";
        return null;
    }
}
