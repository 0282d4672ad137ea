namespace Athar.Storage.Ledger;

/// <summary>
/// Bytes after the last complete entry, left by a crash in the middle of an append. They were never
/// acknowledged (nothing was built on them), so the writer moves them to quarantine, cuts the entries
/// file back to its last complete line and records a custody event that names the quarantined bytes.
/// </summary>
public sealed record TornTail(long Offset, long Length, string Sha256Hex, string? QuarantineFile);
