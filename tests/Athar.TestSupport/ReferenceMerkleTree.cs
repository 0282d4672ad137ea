using Athar.Core.Custody;

namespace Athar.TestSupport;

/// <summary>
/// A literal transcription of RFC 6962 section 2.1: MTH, PATH (section 2.1.1) and PROOF/SUBPROOF
/// (section 2.1.2), recursive and slow on purpose. The fast code is trusted only as far as it agrees with this.
/// Shared by the Core and Storage tests, with a memo of subtree hashes.
/// </summary>
public static class ReferenceMerkleTree
{
    /// <summary>The largest power of two smaller than n (n &gt; 1).</summary>
    private static int SplitPoint(int n)
    {
        var k = 1;
        while (k << 1 < n) k <<= 1;
        return k;
    }

    /// <summary>
    /// A memo of subtree hashes, so that comparing every proof of 300 trees stays quick: keyed by the first leaf's
    /// array and the count, and used only when the very same leaf arrays (compared by reference, one by one) are
    /// asked again. It never changes an answer; the recursion below is still the RFC's.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(byte[] First, int Count), (byte[][] Leaves, byte[] Hash)> Memo = new();

    /// <summary>MTH(D[n]) over leaf hashes (leaves already hashed with HashLeaf).</summary>
    public static byte[] Mth(ReadOnlySpan<byte[]> leafHashes)
    {
        var n = leafHashes.Length;
        if (n == 0) return Rfc6962.EmptyRoot();
        if (n == 1) return leafHashes[0];
        if (Memo.TryGetValue((leafHashes[0], n), out var known) && SameArrays(known.Leaves, leafHashes)) return known.Hash;
        var k = SplitPoint(n);
        var hash = Rfc6962.HashChildren(Mth(leafHashes[..k]), Mth(leafHashes[k..]));
        Memo[(leafHashes[0], n)] = (leafHashes.ToArray(), hash);
        return hash;
    }

    private static bool SameArrays(byte[][] known, ReadOnlySpan<byte[]> leaves)
    {
        for (var i = 0; i < leaves.Length; i++)
        {
            if (!ReferenceEquals(known[i], leaves[i])) return false;
        }
        return true;
    }

    /// <summary>PATH(m, D[n]).</summary>
    public static List<byte[]> Path(int m, ReadOnlySpan<byte[]> d)
    {
        var n = d.Length;
        if (n == 1) return [];
        var k = SplitPoint(n);
        List<byte[]> path;
        if (m < k)
        {
            path = Path(m, d[..k]);
            path.Add(Mth(d[k..]));
        }
        else
        {
            path = Path(m - k, d[k..]);
            path.Add(Mth(d[..k]));
        }
        return path;
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 &lt; m &lt;= n.</summary>
    public static List<byte[]> Proof(int m, ReadOnlySpan<byte[]> d) => SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, ReadOnlySpan<byte[]> d, bool b)
    {
        var n = d.Length;
        if (m == n) return b ? [] : [Mth(d)];
        var k = SplitPoint(n);
        List<byte[]> proof;
        if (m <= k)
        {
            proof = SubProof(m, d[..k], b);
            proof.Add(Mth(d[k..]));
        }
        else
        {
            proof = SubProof(m - k, d[k..], false);
            proof.Add(Mth(d[..k]));
        }
        return proof;
    }

    /// <summary>Leaf hashes of the synthetic leaves "leaf 0", "leaf 1", ...</summary>
    public static byte[][] Leaves(int count)
    {
        var leaves = new byte[count][];
        for (var i = 0; i < count; i++) leaves[i] = Rfc6962.HashLeaf(System.Text.Encoding.ASCII.GetBytes($"leaf {i}"));
        return leaves;
    }
}
