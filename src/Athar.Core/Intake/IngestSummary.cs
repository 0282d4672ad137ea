namespace Athar.Core.Intake;

/// <summary>The outcome of one ingest run; the CLI's --json output.</summary>
public sealed record IngestSummary(
    long FilesSeen,
    int NewItems,
    int DuplicateCopies,
    long BytesStored,
    int AlreadyRecorded,
    int Symlinks,
    IReadOnlyList<IngestRejection> Rejected);

public sealed record IngestRejection(string Path, string Reason);

/// <summary>Progress so far, for a progress bar: files and bytes read, and the totals when known.</summary>
public readonly record struct IngestProgress(long FilesDone, long BytesDone, long? FilesTotal, long? BytesTotal);
