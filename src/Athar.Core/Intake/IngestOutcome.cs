namespace Athar.Core.Intake;

/// <summary>What ingest made of one source entry, in source order (<see cref="Index"/>).</summary>
public abstract record IngestOutcome(long Index, SourceEntry Entry);

/// <summary>A file read once: hashed while copied into <see cref="StagingFile"/>.</summary>
public sealed record HashedCopy(long Index, SourceEntry Entry, string DigestHex, long Size, string MediaType, string StagingFile)
    : IngestOutcome(Index, Entry);

/// <summary>Something that could not be taken, with the reason a person can act on.</summary>
public sealed record RejectedEntry(long Index, SourceEntry Entry, string Reason) : IngestOutcome(Index, Entry);

/// <summary>A symbolic link, recorded with its target text and never followed.</summary>
public sealed record RecordedSymlink(long Index, SourceEntry Entry) : IngestOutcome(Index, Entry);
