namespace Athar.Core.Intake;

public enum SourceEntryKind
{
    /// <summary>Bytes to preserve.</summary>
    File,
    /// <summary>A symbolic link: its target text is recorded, never followed.</summary>
    Symlink,
    /// <summary>Something that cannot be taken (unreadable, unsafe, not a file); it is reported with its reason.</summary>
    Rejected,
}

/// <summary>
/// One thing found on a source, in the order the walk found it. Paths use '/' and are relative to the
/// PATH the custodian named (a ZIP's entries read <c>name.zip!/inner/path</c>).
/// </summary>
public sealed class SourceEntry
{
    public required string Path { get; init; }

    /// <summary>
    /// The path's bytes as the file system stores them, when some part of it is not valid UTF-8 (then
    /// <see cref="Path"/> is its display text, see <see cref="RawFileName"/>); null otherwise.
    /// </summary>
    public byte[]? PathBytes { get; init; }

    public required SourceEntryKind Kind { get; init; }

    /// <summary>Where the PATH argument was on this machine when it was read (a mount point, a ZIP file).</summary>
    public string? Origin { get; init; }

    public long Size { get; init; }
    public FileTimestamp? Modified { get; init; }
    public FileTimestamp? Changed { get; init; }
    public FileTimestamp? Accessed { get; init; }
    public FileTimestamp? Born { get; init; }

    public string? LinkTarget { get; init; }
    public string? RejectionReason { get; init; }

    /// <summary>Opens the bytes for reading. Files only.</summary>
    public Func<Stream>? Open { get; init; }

    /// <summary>
    /// After the bytes were read: null when the file is as it was listed, else why it is not (it changed
    /// while being read). Null for sources that cannot change, such as a ZIP entry.
    /// </summary>
    public Func<string?>? CheckUnchanged { get; init; }

    public static SourceEntry Reject(string path, string reason, string? origin = null, byte[]? pathBytes = null) =>
        new() { Path = path, PathBytes = pathBytes, Kind = SourceEntryKind.Rejected, RejectionReason = reason, Origin = origin };
}
