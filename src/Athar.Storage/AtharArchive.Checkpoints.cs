using System.Text.Json.Nodes;
using Athar.Core.Custody;
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
    /// Full ledger verification against this archive: entries, tree, checkpoints and signatures, timestamp
    /// tokens, the recorded key, and the catalog cross-check.
    /// </summary>
    public LedgerReport VerifyLedger()
    {
        string keyName, pem;
        using (var keys = LoadKey())
        {
            keyName = keys.KeyName;
            pem = keys.ExportPublicKeyPem();
        }
        var verifier = new LedgerVerifier();
        var report = verifier.Verify(Ledger.Files.Entries, Ledger.Files.Checkpoints, keyName, pem,
            (size1, size2) => Ledger.Tree.ConsistencyProof(size1, size2));
        LedgerCrossCheck.Run(this, verifier);
        return report with { Ok = verifier.Problems.Count == 0, Problems = [.. verifier.Problems] };
    }
}
