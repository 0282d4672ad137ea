using System.Text;

namespace Athar.Core.Intake.Sources;

/// <summary>
/// Walks a folder (a mounted drive) depth-first in ordinal name order, so that the same drive always
/// yields the same sequence. Names are read as bytes, so a name in a legacy encoding is preserved like
/// any other (<see cref="RawFileName"/>). Symlinks are recorded and never followed; FIFOs, sockets and
/// devices are reported, never opened. A folder that cannot be listed is reported and the walk goes on.
/// </summary>
public static class DirectorySource
{
    public static IEnumerable<SourceEntry> Walk(string root)
    {
        var origin = Path.GetFullPath(root);
        var originBytes = Encoding.UTF8.GetBytes(origin);
        var pending = new Stack<RelativePath>();
        pending.Push(RelativePath.Root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            var children = UnixFiles.List(Join(originBytes, folder.Bytes), out var listingError);
            if (listingError is not null)
                yield return SourceEntry.Reject(folder.IsRoot ? "." : folder.Text, $"cannot list folder: {listingError}", origin, folder.RawBytes);
            if (children is null) continue;
            var named = new List<RelativePath>(children.Count);
            foreach (var name in children) named.Add(folder.Child(name));
            named.Sort(static (a, b) => string.CompareOrdinal(a.Text, b.Text));
            var subfolders = new List<RelativePath>();
            foreach (var child in named)
            {
                var entry = Describe(Join(originBytes, child.Bytes), child, origin, out var isFolder);
                if (isFolder) subfolders.Add(child);
                else yield return entry!;
            }
            // Push in reverse so the walk visits subfolders in ordinal order.
            for (var i = subfolders.Count - 1; i >= 0; i--) pending.Push(subfolders[i]);
        }
    }

    /// <summary>Describes one path found on the source; folders are reported through <paramref name="isFolder"/>.</summary>
    public static SourceEntry? Describe(string fullPath, string relative, string origin, out bool isFolder) =>
        Describe(Encoding.UTF8.GetBytes(fullPath), RelativePath.Of(relative), origin, out isFolder);

    private static SourceEntry? Describe(byte[] fullPath, RelativePath relative, string origin, out bool isFolder)
    {
        isFolder = false;
        UnixFileStatus status;
        try
        {
            status = UnixFileStatus.Of(fullPath);
        }
        catch (IOException e)
        {
            return SourceEntry.Reject(relative.Text, e.Message, origin, relative.RawBytes);
        }
        switch (status.Kind)
        {
            case UnixFileKind.Directory:
                isFolder = true;
                return null;
            case UnixFileKind.SymbolicLink:
                return new SourceEntry
                {
                    Path = relative.Text, PathBytes = relative.RawBytes, Kind = SourceEntryKind.Symlink, Origin = origin,
                    LinkTarget = ReadLinkTarget(fullPath),
                    Modified = status.Modified, Changed = status.Changed, Accessed = status.Accessed, Born = status.Born,
                };
            case UnixFileKind.RegularFile:
                return new SourceEntry
                {
                    Path = relative.Text, PathBytes = relative.RawBytes, Kind = SourceEntryKind.File, Origin = origin, Size = status.Size,
                    Modified = status.Modified, Changed = status.Changed, Accessed = status.Accessed, Born = status.Born,
                    Open = () => UnixFiles.OpenRead(fullPath),
                    CheckUnchanged = () => ChangedSince(fullPath, status),
                };
            default:
                return SourceEntry.Reject(relative.Text, $"not a regular file ({Describe(status.Kind)}); it was not opened", origin, relative.RawBytes);
        }
    }

    private static string? ChangedSince(byte[] fullPath, UnixFileStatus before)
    {
        UnixFileStatus after;
        try
        {
            after = UnixFileStatus.Of(fullPath);
        }
        catch (IOException e)
        {
            return $"changed while being read: {e.Message}";
        }
        if (after.Size != before.Size) return $"changed while being read: size went from {before.Size} to {after.Size} bytes";
        if (after.Modified != before.Modified || after.Changed != before.Changed)
            return "changed while being read: its modification time changed";
        return null;
    }

    private static string ReadLinkTarget(byte[] path)
    {
        try
        {
            return RawFileName.Display(UnixFiles.ReadLink(path));
        }
        catch (IOException e)
        {
            return $"(unreadable link target: {e.Message})";
        }
    }

    private static byte[] Join(byte[] origin, byte[] relative)
    {
        if (relative.Length == 0) return origin;
        var joined = new byte[origin.Length + 1 + relative.Length];
        origin.CopyTo(joined, 0);
        joined[origin.Length] = (byte)'/';
        relative.CopyTo(joined, origin.Length + 1);
        return joined;
    }

    private static string Describe(UnixFileKind kind) => kind switch
    {
        UnixFileKind.Fifo => "a named pipe",
        UnixFileKind.Socket => "a socket",
        UnixFileKind.CharacterDevice => "a character device",
        UnixFileKind.BlockDevice => "a block device",
        _ => "an unknown file type",
    };

    /// <summary>A path below the source root: its display text ('/'-separated) and its bytes.</summary>
    private sealed record RelativePath(string Text, byte[] Bytes, bool IsRaw)
    {
        public static readonly RelativePath Root = new("", [], false);

        public bool IsRoot => Bytes.Length == 0;

        /// <summary>The bytes when some part of the path is not UTF-8 (what the ledger must keep); null otherwise.</summary>
        public byte[]? RawBytes => IsRaw ? Bytes : null;

        public static RelativePath Of(string text) => new(text, Encoding.UTF8.GetBytes(text), false);

        public RelativePath Child(byte[] name)
        {
            var display = RawFileName.Display(name);
            var raw = IsRaw || !RawFileName.IsValidUtf8(name);
            if (IsRoot) return new RelativePath(display, name, raw);
            var bytes = new byte[Bytes.Length + 1 + name.Length];
            Bytes.CopyTo(bytes, 0);
            bytes[Bytes.Length] = (byte)'/';
            name.CopyTo(bytes, Bytes.Length + 1);
            return new RelativePath(Text + "/" + display, bytes, raw);
        }
    }
}
