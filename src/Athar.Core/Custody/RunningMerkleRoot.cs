namespace Athar.Core.Custody;

/// <summary>
/// Computes RFC 6962 roots while leaves stream past, keeping only the O(log n) perfect subtrees of the
/// leaves so far (a "compact range"). Used to recompute a whole ledger from its entries without any
/// stored tree, as an outsider verifying an export would.
/// </summary>
public sealed class RunningMerkleRoot
{
    private readonly List<(int Height, byte[] Hash)> _stack = [];

    public long Size { get; private set; }

    public void AddLeafHash(ReadOnlySpan<byte> leafHash)
    {
        var hash = leafHash.ToArray();
        var height = 0;
        while (_stack.Count > 0 && _stack[^1].Height == height)
        {
            hash = Rfc6962.HashChildren(_stack[^1].Hash, hash);
            _stack.RemoveAt(_stack.Count - 1);
            height++;
        }
        _stack.Add((height, hash));
        Size++;
    }

    /// <summary>The root of the leaves added so far: the perfect subtrees folded from the right (RFC 6962 section 2.1).</summary>
    public byte[] Root()
    {
        if (_stack.Count == 0) return Rfc6962.EmptyRoot();
        var root = _stack[^1].Hash;
        for (var i = _stack.Count - 2; i >= 0; i--) root = Rfc6962.HashChildren(_stack[i].Hash, root);
        return root;
    }
}
