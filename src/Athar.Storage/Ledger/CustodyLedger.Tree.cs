namespace Athar.Storage.Ledger;

/// <summary>
/// The ledger's Merkle tree. Leaves are the entries' canonical bytes; the stored tiles are derived from
/// the entries file and are brought back in line with it on open (cut back after a crash that wrote
/// tiles ahead, or extended from the entries if they fell behind).
/// </summary>
public sealed partial class CustodyLedger
{
    private MerkleTileStore? _tree;

    /// <summary>The stored tree. A reader gets it as it is on disk, refused if it covers fewer entries than exist.</summary>
    public MerkleTileStore Tree
    {
        get
        {
            if (_tree is not null) return _tree;
            _tree = MerkleTileStore.Open(_files.Tree);
            if (!IsWritable && _tree.Size < _size)
                throw new LedgerCorruptException($"{_files.Tree}: the stored tree covers {_tree.Size} of {_size} entries; run a writing command (e.g. 'athar ledger checkpoint') to extend it");
            return _tree;
        }
    }

    /// <summary>The root hash of the tree of the first <paramref name="size"/> entries.</summary>
    public byte[] Root(long size) => Tree.Root(size);

    private void SyncTreeWithEntries()
    {
        if (!IsWritable) return; // a reader never repairs; see Tree
        if (Tree.Size > _size) Tree.TruncateTo(_size);
        if (Tree.Size < _size) CatchUpTree();
        Tree.Flush(durable: false);
    }

    private void CatchUpTree()
    {
        Span<byte> hash = stackalloc byte[Athar.Core.Custody.Rfc6962.HashSize];
        for (var seq = Tree.Size; seq < _size; seq++)
        {
            Athar.Core.Custody.Rfc6962.HashLeaf(ReadRaw(seq), hash);
            Tree.Append(hash);
        }
    }

    private void FlushTree() => _tree?.Flush(durable: false);

    private void DisposeTree() => _tree?.Dispose();
}
