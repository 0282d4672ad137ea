using System.CommandLine;
using Athar.Cli.Hosting;
using Athar.Core.Custody;
using Athar.Storage;

namespace Athar.Cli.Commands;

/// <summary>Inclusion proofs of an item's ingest entries, and consistency proofs between checkpoints.</summary>
internal static class LedgerProveCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "item id (SHA-256 or a unique prefix of 8+ hex digits)" };
        var command = new Command("prove", "inclusion proof of the item's ingest entries against the latest signed checkpoint") { id };
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            var itemId = ItemResolver.Resolve(archive.Catalog, parse.GetValue(id)!);
            var (size, root, note) = LatestVerifiedCheckpoint(archive);
            var copies = archive.Catalog.CopiesOf(itemId);
            var proofs = new List<InclusionProofView>();
            foreach (var copy in copies)
            {
                if (copy.LedgerSeq >= size) continue;
                var leaf = Rfc6962.HashLeaf(archive.Ledger.ReadRaw(copy.LedgerSeq));
                var proof = archive.Ledger.Tree.InclusionProof(copy.LedgerSeq, size);
                var verified = MerkleProofs.VerifyInclusion(copy.LedgerSeq, size, leaf, proof, root);
                proofs.Add(new InclusionProofView(copy.LedgerSeq, size, Convert.ToBase64String(root),
                    proof.Select(Convert.ToBase64String).ToArray(), verified, Convert.ToBase64String(leaf),
                    System.Text.Encoding.UTF8.GetString(archive.Ledger.ReadRaw(copy.LedgerSeq)), copy.Source, copy.Path));
            }
            if (proofs.Count == 0)
                throw new CliException($"item {itemId[..12]}: its ingest entries come after the latest checkpoint (size {size}); run 'athar ledger checkpoint'", ExitCodes.Failure);
            var allVerified = proofs.All(p => p.Verified);
            if (context.WantsJson(parse))
            {
                // The first ingest entry's proof at the top level; every copy's proof in "entries".
                context.WriteJson(new
                {
                    leafIndex = proofs[0].LeafIndex,
                    treeSize = size,
                    rootHash = Convert.ToBase64String(root),
                    proof = proofs[0].Proof,
                    verified = allVerified,
                    item = itemId,
                    checkpoint = note,
                    entries = proofs,
                });
            }
            else
            {
                context.Out.WriteLine($"item {itemId}: {proofs.Count} ingest entr{(proofs.Count == 1 ? "y" : "ies")} in the signed checkpoint of size {size}");
                foreach (var p in proofs)
                    context.Out.WriteLine($"  entry {p.LeafIndex} ({p.Source}:{p.Path}): {p.Proof.Length} hashes, {(p.Verified ? "verified" : "DOES NOT VERIFY")}");
                context.Out.Write(note);
            }
            return allVerified ? ExitCodes.Ok : ExitCodes.Problems;
        });
        return command;
    }

    public static Command CreateConsistency(CliContext context)
    {
        var oldSize = new Argument<long>("OLD") { Description = "tree size of the older checkpoint" };
        var newSize = new Argument<long>("NEW") { Description = "tree size of the newer checkpoint" };
        var command = new Command("consistency", "prove that the checkpoint of size NEW extends the one of size OLD") { oldSize, newSize };
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            var size1 = parse.GetValue(oldSize);
            var size2 = parse.GetValue(newSize);
            if (size1 < 0 || size1 > size2) throw new CliException("OLD must be at least 0 and at most NEW", ExitCodes.Usage);
            var root1 = VerifiedCheckpointRoot(archive, size1);
            var root2 = VerifiedCheckpointRoot(archive, size2);
            var proof = archive.Ledger.Tree.ConsistencyProof(size1, size2);
            var verified = MerkleProofs.VerifyConsistency(size1, size2, proof, root1, root2);
            if (context.WantsJson(parse))
                context.WriteJson(new
                {
                    oldSize = size1, newSize = size2, oldRootHash = Convert.ToBase64String(root1), newRootHash = Convert.ToBase64String(root2),
                    proof = proof.Select(Convert.ToBase64String).ToArray(), verified,
                });
            else
                context.Out.WriteLine($"checkpoint {size2} {(verified ? "extends" : "DOES NOT extend")} checkpoint {size1} ({proof.Length} hashes)");
            return verified ? ExitCodes.Ok : ExitCodes.Problems;
        });
        return command;
    }

    private static (long Size, byte[] Root, string Note) LatestVerifiedCheckpoint(AtharArchive archive)
    {
        var size = archive.Checkpoints.Latest() ?? throw new CliException("no checkpoint yet; run 'athar ledger checkpoint'", ExitCodes.Failure);
        return (size, VerifiedCheckpointRoot(archive, size), archive.Checkpoints.Read(size));
    }

    /// <summary>The root a saved checkpoint commits to, after its signature is checked with the archive key.</summary>
    private static byte[] VerifiedCheckpointRoot(AtharArchive archive, long size)
    {
        if (!File.Exists(archive.Checkpoints.PathFor(size)))
            throw new CliException($"no checkpoint of size {size} (see ledger/checkpoints/)", ExitCodes.Failure);
        using var keys = archive.LoadKey();
        using var verifier = keys.CreateVerifier();
        var (valid, text, reason) = verifier.Open(archive.Checkpoints.Read(size));
        if (!valid) throw new CliException($"checkpoint {size}: {reason}", ExitCodes.Problems);
        var checkpoint = Checkpoint.ParseBody(text!);
        if (checkpoint.TreeSize != size) throw new CliException($"checkpoint file for size {size} names size {checkpoint.TreeSize}", ExitCodes.Problems);
        return checkpoint.RootHash;
    }

    /// <summary>One ingest entry's inclusion proof, as `ledger prove --json` writes it.</summary>
    private sealed record InclusionProofView(long LeafIndex, long TreeSize, string RootHash, string[] Proof, bool Verified,
        string LeafHash, string Entry, string Source, string Path);
}
