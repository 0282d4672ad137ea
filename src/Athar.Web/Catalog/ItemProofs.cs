using System.Text;
using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Storage;
using Athar.Storage.Keys;
using Athar.Storage.Ledger;
using Microsoft.Extensions.Options;

namespace Athar.Web.Catalog;

/// <summary>
/// The inclusion proofs (RFC 6962 section 2.1.1) of an item's ingest entries against the latest signed
/// checkpoint, with the checkpoint itself: the document behind the item page's "download proof" button. Its
/// fields are those of <c>athar ledger prove --json</c>, so one verifier reads both. The checkpoint's signature is
/// checked with the archive's public key and every proof is verified before it is handed out.
/// </summary>
public sealed class ItemProofs(IOptions<AtharWebOptions> options, WebCatalog catalog)
{
    /// <summary>The proof document, or null when no ingest entry of the item is covered by a signed checkpoint yet.</summary>
    public JsonObject? For(WebItem item)
    {
        var layout = new ArchiveLayout(options.Value.Archive);
        using var ledger = CustodyLedger.Open(layout.Ledger, writable: false);
        var checkpoints = new CheckpointStore(ledger.Files.Checkpoints);
        if (checkpoints.Latest() is not { } size) return null;
        var note = checkpoints.Read(size);
        byte[] root;
        using (var keys = ArchiveKeyStore.Load(layout.Keys))
        using (var verifier = keys.CreateVerifier())
        {
            var (valid, text, reason) = verifier.Open(note);
            if (!valid) throw new InvalidOperationException($"checkpoint {size} does not verify: {reason}");
            var checkpoint = Checkpoint.ParseBody(text!);
            if (checkpoint.TreeSize != size) throw new InvalidOperationException($"checkpoint file for size {size} names size {checkpoint.TreeSize}");
            root = checkpoint.RootHash;
        }
        // The stored tree read directly, not through ledger.Tree: a reader's ledger.Tree refuses while a writer has
        // appended entries but not yet their tiles, and the proof only needs the tree up to the checkpoint.
        // A writer signs the checkpoint just after it stores the tiles; between a new checkpoint file and its tiles, or
        // while the writer holds the tiles, the proof is not ready yet: the request fails with 503 (try again), as an
        // audited action does while the ledger is busy, rather than with an error.
        MerkleTileStore tree;
        try
        {
            tree = MerkleTileStore.Open(ledger.Files.Tree);
        }
        catch (IOException e)
        {
            throw new Athar.Web.Audit.AuditUnavailableException("the custody ledger is being written; try the proof again in a moment", e);
        }
        using var _ = tree;
        if (tree.Size < size)
            throw new Athar.Web.Audit.AuditUnavailableException($"the stored tree covers {tree.Size} entries, fewer than checkpoint {size}: the ledger is being written; try again in a moment");
        var entries = new JsonArray();
        var allVerified = true;
        JsonObject? first = null;
        foreach (var copy in catalog.Copies(item.Id))
        {
            if (copy.LedgerSeq >= size) continue;
            var raw = ledger.ReadRaw(copy.LedgerSeq);
            var leaf = Rfc6962.HashLeaf(raw);
            var proof = tree.InclusionProof(copy.LedgerSeq, size);
            var verified = MerkleProofs.VerifyInclusion(copy.LedgerSeq, size, leaf, proof, root);
            allVerified &= verified;
            var entry = new JsonObject
            {
                ["leafIndex"] = copy.LedgerSeq,
                ["treeSize"] = size,
                ["rootHash"] = Convert.ToBase64String(root),
                ["proof"] = new JsonArray([.. proof.Select(p => (JsonNode)Convert.ToBase64String(p))]),
                ["verified"] = verified,
                ["leafHash"] = Convert.ToBase64String(leaf),
                ["entry"] = Encoding.UTF8.GetString(raw),
                ["source"] = copy.Source,
                ["path"] = copy.Path,
            };
            first ??= entry;
            entries.Add(entry);
        }
        if (first is null) return null;
        return new JsonObject
        {
            ["leafIndex"] = first["leafIndex"]!.DeepClone(),
            ["treeSize"] = size,
            ["rootHash"] = Convert.ToBase64String(root),
            ["proof"] = first["proof"]!.DeepClone(),
            ["verified"] = allVerified,
            ["item"] = item.Id,
            ["checkpoint"] = note,
            ["entries"] = entries,
        };
    }
}
