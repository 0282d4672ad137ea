namespace Athar.Core.Intake;

/// <summary>
/// The archive side of ingest. The pipeline hashes and stages files in parallel; the committer makes a
/// batch of outcomes permanent, in source order, as one step: new objects durable and in place, then
/// their custody entries, then the catalog. It must skip what an earlier, interrupted run already
/// recorded, so that running the same ingest again finishes the job without duplicating anything.
/// </summary>
public interface IIngestCommitter
{
    /// <summary>A folder on the archive's file system where staged copies are written.</summary>
    string StagingFolder { get; }

    /// <summary>Every staged copy is written through this gate, so that the committer can hold writes back while it records.</summary>
    StagingWriteGate StagingWrites { get; }

    /// <summary>True when the digest is already an object in the archive (so staging can be skipped early).</summary>
    bool ContainsItem(string digestHex);

    CommitResult Commit(SourceDescription source, IReadOnlyList<IngestOutcome> batch);
}

public readonly record struct CommitResult(int NewItems, int DuplicateCopies, long BytesStored, int AlreadyRecorded)
{
    public static CommitResult operator +(CommitResult a, CommitResult b) =>
        new(a.NewItems + b.NewItems, a.DuplicateCopies + b.DuplicateCopies, a.BytesStored + b.BytesStored, a.AlreadyRecorded + b.AlreadyRecorded);
}
