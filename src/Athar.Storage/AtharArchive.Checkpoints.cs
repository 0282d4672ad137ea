using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Storage.Catalog;
using Athar.Storage.Keys;
using Athar.Storage.Ledger;

namespace Athar.Storage;

/// <summary>Signing the ledger: the archive key and its checkpoints.</summary>
public sealed partial class AtharArchive
{
    public CheckpointStore Checkpoints => new(Ledger.Files.Checkpoints);

    public string Origin => OriginFor(ArchiveId);

    public ArchiveKeyStore LoadKey() => ArchiveKeyStore.Load(Layout.Keys);

    /// <summary>Creates the archive's signing key and records its public half in the ledger.</summary>
    private void CreateKey(string actor)
    {
        using var keys = ArchiveKeyStore.Create(Layout.Keys, Origin);
        using var verifier = keys.CreateVerifier();
        Record([new CustodyEvent(CustodyEventTypes.KeyCreated, actor, new JsonObject { ["key"] = verifier.KeyName },
            new JsonObject
            {
                ["algorithm"] = "ECDSA P-256 with SHA-256 (DER signatures)",
                ["keyName"] = verifier.KeyName,
                ["keyId"] = verifier.KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
                ["publicKey"] = Convert.ToBase64String(verifier.PublicKeyInfo),
                ["verifierKey"] = verifier.VerifierKey,
            })]);
    }

    /// <summary>
    /// Signs a checkpoint of the ledger as it stands, saves it (with an RFC 3161 token when given) and
    /// records a checkpoint event. The event itself is the first entry the next checkpoint covers.
    /// </summary>
    public (long TreeSize, string SignedNote) WriteCheckpoint(string actor, Func<string, byte[]?>? timestamp = null)
    {
        var size = Ledger.Size;
        var root = Ledger.Root(size);
        var body = new Checkpoint(Origin, size, root).FormatBody();
        string note;
        using (var keys = LoadKey())
            note = keys.CreateSigner().SignNote(body);
        var token = timestamp?.Invoke(note);
        Checkpoints.Save(size, note, token);
        var details = new JsonObject
        {
            ["treeSize"] = size,
            ["rootHash"] = Convert.ToBase64String(root),
            ["file"] = "checkpoints/" + CheckpointStore.FileName(size),
            ["timestamped"] = token is not null,
        };
        Record([new CustodyEvent(CustodyEventTypes.Checkpoint, actor, new JsonObject { ["ledger"] = Origin }, details)]);
        return (size, note);
    }

    /// <summary>
    /// Full ledger verification of the archive at <paramref name="root"/>: entries, recomputed tree,
    /// checkpoints and signatures, timestamp tokens, the recorded key, the stored tiles and the catalog.
    /// It reads the files directly rather than opening the archive, so a ledger too damaged to open is
    /// still examined and every problem named.
    /// </summary>
    public static LedgerReport VerifyLedger(string root)
    {
        var layout = new ArchiveLayout(root);
        if (!layout.LooksLikeArchive) throw new ArchiveNotFoundException(layout.Root);
        var files = new LedgerFiles(layout.Ledger);
        string keyName, pem;
        using (var keys = ArchiveKeyStore.Load(layout.Keys))
        {
            keyName = keys.KeyName;
            pem = keys.ExportPublicKeyPem();
        }
        MerkleTileStore tree;
        try
        {
            tree = MerkleTileStore.Open(files.Tree);
        }
        catch (IOException e)
        {
            throw new IOException($"{files.Tree}: cannot open the stored tree ({e.Message}); is another athar command writing to this archive?", e);
        }
        using var _ = tree;
        var verifier = new LedgerVerifier();
        var report = verifier.Verify(files.Entries, files.Checkpoints, keyName, pem,
            (size1, size2) => size2 <= tree.Size ? tree.ConsistencyProof(size1, size2) : null);
        using (var catalog = ArchiveCatalog.Open(layout.Catalog))
            LedgerCrossCheck.Run(tree, catalog, report.Entries, verifier);
        return report with { Ok = verifier.Problems.Count == 0, Problems = [.. verifier.Problems] };
    }
}
