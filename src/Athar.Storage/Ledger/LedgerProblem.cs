namespace Athar.Storage.Ledger;

/// <summary>One discrepancy found by ledger verification, with a stable kind for scripts and tests.</summary>
public sealed record LedgerProblem(string Kind, string Message);

public sealed record LedgerReport(bool Ok, long Entries, int Checkpoints, int Timestamps, IReadOnlyList<LedgerProblem> Problems);

/// <summary>The stable kinds of <see cref="LedgerProblem"/>.</summary>
public static class LedgerProblemKinds
{
    public const string EntryInvalid = "entry-invalid";
    public const string EntryNotCanonical = "entry-not-canonical";
    public const string SequenceBroken = "sequence-broken";
    public const string TornTail = "torn-tail";
    public const string UnsignedTail = "unsigned-tail";
    public const string CheckpointSignature = "checkpoint-signature";
    public const string CheckpointMalformed = "checkpoint-malformed";
    public const string CheckpointRootMismatch = "checkpoint-root-mismatch";
    public const string CheckpointBeyondLedger = "checkpoint-beyond-ledger";
    public const string CheckpointMissing = "checkpoint-missing";
    public const string CheckpointInconsistent = "checkpoint-inconsistent";
    public const string TimestampInvalid = "timestamp-invalid";
    public const string KeyMismatch = "key-mismatch";
    public const string TreeMismatch = "tree-mismatch";
    public const string CatalogMismatch = "catalog-mismatch";
}
