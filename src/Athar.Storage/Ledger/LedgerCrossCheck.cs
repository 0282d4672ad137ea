using Athar.Storage.Catalog;
using K = Athar.Storage.Ledger.LedgerProblemKinds;

namespace Athar.Storage.Ledger;

/// <summary>
/// The online half of ledger verification: the stored tree tiles must give the roots the entries give,
/// and the catalog must hold exactly the copies the ledger records, no more and no fewer.
/// </summary>
public static class LedgerCrossCheck
{
    public static void Run(MerkleTileStore tree, ArchiveCatalog catalog, long entries, LedgerVerifier verifier)
    {
        CheckTree(tree, entries, verifier);
        CheckCatalog(catalog, entries, verifier);
    }

    private static void CheckTree(MerkleTileStore tree, long entries, LedgerVerifier verifier)
    {
        if (tree.Size != entries)
            verifier.Add(K.TreeMismatch, $"the stored tree has {tree.Size} leaves, the entries file {entries} entries");
        foreach (var (size, root) in verifier.RootsAt)
        {
            if (size > tree.Size) continue;
            if (!tree.Root(size).AsSpan().SequenceEqual(root))
                verifier.Add(K.TreeMismatch, $"the stored tree's root at size {size} differs from the root recomputed from the entries");
        }
    }

    private static void CheckCatalog(ArchiveCatalog catalog, long ledgerSize, LedgerVerifier verifier)
    {
        if (catalog.LedgerApplied != ledgerSize)
            verifier.Add(K.CatalogMismatch, $"the catalog reflects {catalog.LedgerApplied} ledger entries, the ledger has {ledgerSize} (run 'athar rebuild')");
        var seen = new HashSet<long>();
        foreach (var copy in catalog.AllCopies())
        {
            seen.Add(copy.LedgerSeq);
            if (!verifier.CopyEntries.TryGetValue(copy.LedgerSeq, out var entry))
                verifier.Add(K.CatalogMismatch, $"catalog copy {copy.Source}:{copy.Path} of item {copy.ItemId[..12]} has no ingest entry in the ledger (entry {copy.LedgerSeq})");
            else if (entry.Item != copy.ItemId || entry.Source != copy.Source || entry.Path != copy.Path)
                verifier.Add(K.CatalogMismatch, $"catalog copy {copy.Source}:{copy.Path} differs from ledger entry {copy.LedgerSeq} ({entry.Source}:{entry.Path}, item {entry.Item[..Math.Min(12, entry.Item.Length)]})");
        }
        foreach (var (seq, entry) in verifier.CopyEntries)
        {
            if (seq < catalog.LedgerApplied && !seen.Contains(seq))
                verifier.Add(K.CatalogMismatch, $"ledger entry {seq} records copy {entry.Source}:{entry.Path} of item {entry.Item[..Math.Min(12, entry.Item.Length)]}, which the catalog lacks");
        }
    }
}
