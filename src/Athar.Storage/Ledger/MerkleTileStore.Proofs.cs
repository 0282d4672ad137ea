using Athar.Core.Custody;

namespace Athar.Storage.Ledger;

public sealed partial class MerkleTileStore
{
    /// <summary>The stored hash of leaf <paramref name="index"/>. Requires 0 &lt;= index &lt; Size.</summary>
    public byte[] LeafHash(long index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (index < 0 || index >= _size)
            throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of {_size} leaves");
        var hash = new byte[HashSize];
        ReadNode(0, index, hash);
        return hash;
    }

    /// <summary>
    /// MTH of the first <paramref name="size"/> leaves (RFC 6962 section 2.1): the current root for
    /// size == Size, a historic one (to check an old checkpoint) for smaller sizes, and SHA-256 of the empty
    /// string for 0. Requires 0 &lt;= size &lt;= Size.
    /// </summary>
    public byte[] Root(long size)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (size < 0 || size > _size)
            throw new ArgumentOutOfRangeException(nameof(size), $"no root for size {size}: the tree has {_size} leaves");
        if (size == 0) return Rfc6962.EmptyRoot();
        var root = new byte[HashSize];
        SubtreeHash(0, size, root);
        return root;
    }

    /// <summary>
    /// PATH(index, D[size]) of RFC 6962 section 2.1.1: the audit path of leaf <paramref name="index"/> in the tree
    /// of the first <paramref name="size"/> leaves, leaf side first. Requires 0 &lt;= index &lt; size &lt;= Size.
    /// </summary>
    public byte[][] InclusionProof(long index, long size)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (size < 1 || size > _size)
            throw new ArgumentOutOfRangeException(nameof(size), $"no proof for size {size}: the tree has {_size} leaves");
        if (index < 0 || index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of size {size}");

        // Walk down from the root as PATH does, noting the sibling subtree [lo, hi) at each step; the proof
        // lists them bottom-up, so they are filled in reverse.
        Span<long> siblings = stackalloc long[2 * 64];
        var count = 0;
        long lo = 0, hi = size;
        while (hi - lo > 1)
        {
            var k = LargestPowerOfTwoBelow(hi - lo);
            if (index < lo + k)
            {
                siblings[2 * count] = lo + k;
                siblings[2 * count + 1] = hi;
                hi = lo + k;
            }
            else
            {
                siblings[2 * count] = lo;
                siblings[2 * count + 1] = lo + k;
                lo += k;
            }
            count++;
        }
        return Fill(siblings, count);
    }

    /// <summary>
    /// PROOF(size1, D[size2]) of RFC 6962 section 2.1.2: the consistency proof from the tree of the first
    /// <paramref name="size1"/> leaves to that of the first <paramref name="size2"/>. Empty when the sizes are
    /// equal. Requires 0 &lt; size1 &lt;= size2 &lt;= Size.
    /// </summary>
    public byte[][] ConsistencyProof(long size1, long size2)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (size2 < 1 || size2 > _size)
            throw new ArgumentOutOfRangeException(nameof(size2), $"no proof to size {size2}: the tree has {_size} leaves");
        if (size1 < 1 || size1 > size2)
            throw new ArgumentOutOfRangeException(nameof(size1), $"no consistency proof from size {size1} to size {size2}");

        // SUBPROOF(m, D[lo:hi], b) unrolled: m stays absolute, so "m == n" reads "size1 == hi".
        Span<long> nodes = stackalloc long[2 * 65];
        var count = 0;
        long lo = 0, hi = size2;
        var whole = true;
        while (size1 != hi)
        {
            var k = LargestPowerOfTwoBelow(hi - lo);
            if (size1 <= lo + k)
            {
                nodes[2 * count] = lo + k;
                nodes[2 * count + 1] = hi;
                hi = lo + k;
            }
            else
            {
                nodes[2 * count] = lo;
                nodes[2 * count + 1] = lo + k;
                lo += k;
                whole = false;
            }
            count++;
        }
        if (!whole)
        {
            // The old tree's last subtree is itself a node of the new tree; RFC 6962 omits it only when it is
            // the whole old tree (b is still true), since the verifier already holds that root.
            nodes[2 * count] = lo;
            nodes[2 * count + 1] = hi;
            count++;
        }
        return Fill(nodes, count);
    }

    /// <summary>The hashes of the subtrees [lo, hi) given top-down in <paramref name="ranges"/>, bottom-up.</summary>
    private byte[][] Fill(ReadOnlySpan<long> ranges, int count)
    {
        var proof = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var hash = new byte[HashSize];
            SubtreeHash(ranges[2 * i], ranges[2 * i + 1] - ranges[2 * i], hash);
            proof[count - 1 - i] = hash;
        }
        return proof;
    }

    /// <summary>
    /// MTH of leaves [start, start + count). Requires count &gt; 0 and start a multiple of the power of two at or
    /// above count, which holds for every subtree RFC 6962's recursion visits. Its binary digits give the perfect
    /// pieces, largest on the left; folding them from the right rebuilds the RFC's splits.
    /// </summary>
    private void SubtreeHash(long start, long count, Span<byte> destination)
    {
        Span<byte> piece = stackalloc byte[HashSize];
        var end = start + count;
        var first = true;
        for (var level = 0; level < 64 && (count >> level) != 0; level++)
        {
            if (((count >> level) & 1) == 0) continue;
            end -= 1L << level;
            if (first)
            {
                ReadNode(level, end >> level, destination);
                first = false;
            }
            else
            {
                ReadNode(level, end >> level, piece);
                Rfc6962.HashChildren(piece, destination, destination);
            }
        }
    }

    /// <summary>The largest power of two strictly below n (n &gt; 1): the split point k of RFC 6962 section 2.1.</summary>
    private static long LargestPowerOfTwoBelow(long n) => 1L << (int)(63 - long.LeadingZeroCount(n - 1));
}
