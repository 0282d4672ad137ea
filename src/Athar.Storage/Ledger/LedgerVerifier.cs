using System.Text;
using System.Text.Json.Nodes;
using Athar.Core.Custody;
using K = Athar.Storage.Ledger.LedgerProblemKinds;

namespace Athar.Storage.Ledger;

/// <summary>
/// Checks a ledger from its entries file alone, as an outsider would: every entry parses, is in canonical
/// form and carries the next sequence number; the RFC 6962 tree is recomputed from the entries; every
/// signed checkpoint verifies with the archive key and commits to the recomputed root at its size; each
/// later checkpoint is consistent with the earlier ones; timestamp tokens match their checkpoints; and the
/// checkpoint events in the ledger agree with the checkpoint files. Online callers add the stored tree and
/// the catalog (<see cref="LedgerCrossCheck"/>).
/// </summary>
public sealed class LedgerVerifier
{
    private readonly List<LedgerProblem> _problems = [];

    /// <summary>Entries seen, in order, that later checks need: copy events by sequence, checkpoint events.</summary>
    public Dictionary<long, (string Item, string Source, string Path)> CopyEntries { get; } = [];

    public Dictionary<long, byte[]> RootsAt { get; } = [];

    public string? Origin { get; private set; }

    public string? LedgerPublicKey { get; private set; }

    public IReadOnlyList<LedgerProblem> Problems => _problems;

    public void Add(string kind, string message) => _problems.Add(new LedgerProblem(kind, message));

    /// <summary>
    /// Verifies <paramref name="entriesFile"/> and the checkpoints in <paramref name="checkpointsFolder"/>
    /// against <paramref name="publicKeyPem"/> (the archive key, named <paramref name="keyName"/>).
    /// </summary>
    public LedgerReport Verify(string entriesFile, string checkpointsFolder, string keyName, string publicKeyPem,
        Func<long, long, IReadOnlyList<byte[]>?>? consistencyProofs = null)
    {
        var checkpoints = new CheckpointStore(checkpointsFolder);
        var sizes = checkpoints.Sizes();
        var wanted = new HashSet<long>(sizes);
        var recordedCheckpoints = new List<(long Seq, long Size, string Root)>();
        var running = new RunningMerkleRoot();
        RootsAt[0] = running.Root();
        long expected = 0;
        using var stream = new FileStream(entriesFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        foreach (var (line, complete) in EntryLines.Read(stream))
        {
            if (!complete)
            {
                Add(K.TornTail, $"entries.jsonl ends with {line.Length} bytes of an incomplete entry after entry {expected - 1}");
                break;
            }
            CustodyEntry entry;
            try
            {
                entry = CustodyEntry.Parse(line);
            }
            catch (FormatException e)
            {
                Add(K.EntryInvalid, $"entry {expected} is not a valid custody entry: {e.Message}");
                running.AddLeafHash(Rfc6962.HashLeaf(line));
                expected++;
                continue;
            }
            if (entry.Sequence != expected)
                Add(K.SequenceBroken, $"entry {expected} carries sequence number {entry.Sequence}: entries were removed, inserted or reordered");
            if (!entry.ToCanonicalBytes().AsSpan().SequenceEqual(line))
                Add(K.EntryNotCanonical, $"entry {expected} is not in RFC 8785 canonical form: it was edited after it was written");
            Remember(entry, expected, recordedCheckpoints);
            running.AddLeafHash(Rfc6962.HashLeaf(line));
            expected++;
            if (wanted.Contains(running.Size)) RootsAt[running.Size] = running.Root();
        }
        RootsAt[running.Size] = running.Root();
        var signedUpTo = recordedCheckpoints.Count > 0 ? recordedCheckpoints[^1].Size : 0;
        var lastIsCheckpoint = recordedCheckpoints.Count > 0 && recordedCheckpoints[^1].Seq == running.Size - 1;
        if (!lastIsCheckpoint && running.Size > 0)
            Add(K.UnsignedTail, $"entries {signedUpTo}..{running.Size - 1} follow the last checkpoint and are covered by no signature: a write was interrupted, or someone appended them; every Athar write ends with a checkpoint");

        using var verifier = NoteVerifier.FromPublicKeyPem(keyName, publicKeyPem);
        if (LedgerPublicKey is not null && LedgerPublicKey != Convert.ToBase64String(verifier.PublicKeyInfo))
            Add(K.KeyMismatch, "the public key differs from the one the ledger recorded when the archive was created");
        var timestamps = 0;
        (long Size, byte[] Root)? previous = null;
        foreach (var size in sizes)
        {
            var file = CheckpointStore.FileName(size);
            var (valid, text, reason) = verifier.Open(checkpoints.Read(size));
            if (!valid)
            {
                Add(K.CheckpointSignature, $"{file}: {reason}");
                continue;
            }
            Checkpoint body;
            try
            {
                body = Checkpoint.ParseBody(text!);
            }
            catch (FormatException e)
            {
                Add(K.CheckpointMalformed, $"{file}: {e.Message}");
                continue;
            }
            if (body.TreeSize != size) Add(K.CheckpointMalformed, $"{file}: names tree size {body.TreeSize}; the file was renamed or swapped");
            if (Origin is not null && body.Origin != Origin) Add(K.CheckpointMalformed, $"{file}: origin '{body.Origin}' is not this archive's '{Origin}'");
            if (body.TreeSize > running.Size)
            {
                Add(K.CheckpointBeyondLedger, $"{file}: commits to {body.TreeSize} entries but the ledger has {running.Size}: entries were removed");
                continue;
            }
            if (!RootsAt.TryGetValue(body.TreeSize, out var recomputed) || !recomputed.AsSpan().SequenceEqual(body.RootHash))
            {
                Add(K.CheckpointRootMismatch, $"{file}: the signed root does not match the entries: the first {body.TreeSize} entries were altered, or the checkpoint was swapped");
                continue;
            }
            if (previous is { } p && consistencyProofs?.Invoke(p.Size, body.TreeSize) is { } consistency)
            {
                var error = MerkleProofs.ConsistencyError(p.Size, body.TreeSize, consistency, p.Root, body.RootHash);
                if (error is not null) Add(K.CheckpointInconsistent, $"{file}: not consistent with checkpoint of size {p.Size}: {error}");
            }
            previous = (body.TreeSize, body.RootHash);
            if (checkpoints.ReadTimestamp(size) is { } token)
            {
                timestamps++;
                var (tsValid, time, tsReason) = TimestampVerifier.Verify(token, Encoding.UTF8.GetBytes(checkpoints.Read(size)));
                if (!tsValid) Add(K.TimestampInvalid, $"{Path.ChangeExtension(file, ".tsr")}: {tsReason}");
                _ = time;
            }
        }
        foreach (var (seq, size, root) in recordedCheckpoints)
        {
            if (!sizes.Contains(size))
                Add(K.CheckpointMissing, $"entry {seq} records a checkpoint of size {size}, but {CheckpointStore.FileName(size)} is missing");
            else if (RootsAt.TryGetValue(size, out var r) && Convert.ToBase64String(r) != root)
                Add(K.CheckpointRootMismatch, $"entry {seq} records root {root} for size {size}, which the entries no longer produce");
        }
        return new LedgerReport(_problems.Count == 0, running.Size, sizes.Count, timestamps, _problems);
    }

    private void Remember(CustodyEntry entry, long seq, List<(long Seq, long Size, string Root)> checkpoints)
    {
        switch (entry.Type)
        {
            case CustodyEventTypes.ArchiveCreated:
                Origin ??= Text(entry.Details, "origin");
                break;
            case CustodyEventTypes.KeyCreated:
                LedgerPublicKey ??= Text(entry.Details, "publicKey");
                break;
            case CustodyEventTypes.CopyIngested:
                CopyEntries[seq] = (Text(entry.Subject, "item") ?? "", Text(entry.Subject, "source") ?? "", Text(entry.Details, "path") ?? "");
                break;
            case CustodyEventTypes.Checkpoint:
                if (JsonFields.Integer(entry.Details, "treeSize") is { } size)
                    checkpoints.Add((seq, size, Text(entry.Details, "rootHash") ?? ""));
                break;
        }
    }

    private static string? Text(JsonObject o, string name) => JsonFields.Text(o, name);
}
