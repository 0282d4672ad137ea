namespace Athar.Storage.Ledger;

public sealed partial class CustodyLedger
{
    // The Merkle tree over the entries is added with the tile store; until then the ledger keeps entries only.
    private void OnAppendedLeaf(ReadOnlySpan<byte> leaf) { }
    private void SyncTreeWithEntries() { }
    private void FlushTree() { }
    private void DisposeTree() { }
}
