using Athar.Core.Custody;
using Athar.Storage.Keys;
using Athar.Storage.Ledger;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Ledger;

/// <summary>
/// The pieces together, as the ledger and an outside checker use them: sign a checkpoint of the tile store's
/// root, then, holding only the note, the public key and the proofs, check inclusion and consistency.
/// </summary>
public class SignedCheckpointWorkflowTests
{
    private const string Origin = "athar.example/archive-1";

    [Fact]
    public void A_signed_checkpoint_and_store_proofs_convince_a_checker_with_only_the_public_key()
    {
        using var dir = new TempDirectory("workflow");
        using var keys = ArchiveKeyStore.Create(dir.Combine("keys"), Origin);
        using var store = MerkleTileStore.Open(dir.Combine("tiles"));
        var entries = new List<byte[]>();
        for (var i = 0; i < 1000; i++) entries.Add(System.Text.Encoding.UTF8.GetBytes($"{{\"seq\":{i}}}"));

        foreach (var entry in entries.Take(600)) store.Append(Rfc6962.HashLeaf(entry));
        var signer = keys.CreateSigner();
        var oldNote = signer.SignNote(new Checkpoint(Origin, store.Size, store.Root(store.Size)).FormatBody());
        foreach (var entry in entries.Skip(600)) store.Append(Rfc6962.HashLeaf(entry));
        var newNote = signer.SignNote(new Checkpoint(Origin, store.Size, store.Root(store.Size)).FormatBody());

        // The checker's side: public key PEM and notes only.
        using var verifier = NoteVerifier.FromPublicKeyPem(Origin, keys.ExportPublicKeyPem());
        var oldOpened = verifier.Open(oldNote);
        var newOpened = verifier.Open(newNote);
        Assert.True(oldOpened.Valid && newOpened.Valid);
        var oldCheckpoint = Checkpoint.ParseBody(oldOpened.Text!);
        var newCheckpoint = Checkpoint.ParseBody(newOpened.Text!);

        var proof = store.InclusionProof(437, newCheckpoint.TreeSize);
        Assert.True(MerkleProofs.VerifyInclusion(437, newCheckpoint.TreeSize, Rfc6962.HashLeaf(entries[437]), proof, newCheckpoint.RootHash));
        Assert.False(MerkleProofs.VerifyInclusion(437, newCheckpoint.TreeSize, Rfc6962.HashLeaf(entries[438]), proof, newCheckpoint.RootHash));

        var consistency = store.ConsistencyProof(oldCheckpoint.TreeSize, newCheckpoint.TreeSize);
        Assert.True(MerkleProofs.VerifyConsistency(oldCheckpoint.TreeSize, newCheckpoint.TreeSize, consistency, oldCheckpoint.RootHash, newCheckpoint.RootHash));

        // A rewritten history (entry 5 changed, then re-signed with the same key) is caught by the old checkpoint.
        store.TruncateTo(5);
        store.Append(Rfc6962.HashLeaf("{\"seq\":5,\"forged\":true}"u8));
        foreach (var entry in entries.Skip(6)) store.Append(Rfc6962.HashLeaf(entry));
        var forged = store.ConsistencyProof(oldCheckpoint.TreeSize, store.Size);
        Assert.False(MerkleProofs.VerifyConsistency(oldCheckpoint.TreeSize, store.Size, forged, oldCheckpoint.RootHash, store.Root(store.Size)));
    }
}
