namespace Athar.Core.Intake.Sources;

/// <summary>
/// Walks a folder (a mounted drive) depth-first in ordinal name order, so that the same drive always
/// yields the same sequence. Symlinks are recorded and never followed; FIFOs, sockets and devices are
/// reported, never opened. A folder that cannot be listed is reported and the walk goes on.
/// </summary>
public static class DirectorySource
{
    public static IEnumerable<SourceEntry> Walk(string root)
    {
        var origin = Path.GetFullPath(root);
        var pending = new Stack<string>();
        pending.Push(string.Empty);
        while (pending.Count > 0)
        {
            var relativeFolder = pending.Pop();
            var folder = relativeFolder.Length == 0 ? origin : Path.Combine(origin, relativeFolder);
            var children = ListFolder(folder, out var listingError);
            if (listingError is not null)
                yield return SourceEntry.Reject(relativeFolder.Length == 0 ? "." : relativeFolder, $"cannot list folder: {listingError}", origin);
            Array.Sort(children, StringComparer.Ordinal);
            var subfolders = new List<string>();
            foreach (var child in children)
            {
                var relative = relativeFolder.Length == 0 ? Path.GetFileName(child) : relativeFolder + "/" + Path.GetFileName(child);
                var entry = Describe(child, relative, origin, out var isFolder);
                if (isFolder) subfolders.Add(relative);
                else yield return entry!;
            }
            // Push in reverse so the walk visits subfolders in ordinal order.
            for (var i = subfolders.Count - 1; i >= 0; i--) pending.Push(subfolders[i]);
        }
    }

    private static string[] ListFolder(string folder, out string? error)
    {
        error = null;
        try
        {
            return Directory.GetFileSystemEntries(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return [];
        }
    }

    /// <summary>Describes one path found on the source; folders are reported through <paramref name="isFolder"/>.</summary>
    public static SourceEntry? Describe(string fullPath, string relative, string origin, out bool isFolder)
    {
        isFolder = false;
        UnixFileStatus status;
        try
        {
            status = UnixFileStatus.Of(fullPath);
        }
        catch (IOException e)
        {
            return SourceEntry.Reject(relative, e.Message, origin);
        }
        switch (status.Kind)
        {
            case UnixFileKind.Directory:
                isFolder = true;
                return null;
            case UnixFileKind.SymbolicLink:
                return new SourceEntry
                {
                    Path = relative, Kind = SourceEntryKind.Symlink, Origin = origin, LinkTarget = ReadLinkTarget(fullPath),
                    Modified = status.Modified, Changed = status.Changed, Accessed = status.Accessed, Born = status.Born,
                };
            case UnixFileKind.RegularFile:
                return new SourceEntry
                {
                    Path = relative, Kind = SourceEntryKind.File, Origin = origin, Size = status.Size,
                    Modified = status.Modified, Changed = status.Changed, Accessed = status.Accessed, Born = status.Born,
                    Open = () => new FileStream(fullPath, new FileStreamOptions
                    {
                        Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite,
                        Options = FileOptions.SequentialScan, BufferSize = 0,
                    }),
                    CheckUnchanged = () => ChangedSince(fullPath, status),
                };
            default:
                return SourceEntry.Reject(relative, $"not a regular file ({Describe(status.Kind)}); it was not opened", origin);
        }
    }

    private static string? ChangedSince(string fullPath, UnixFileStatus before)
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

    private static string ReadLinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget ?? string.Empty;
        }
        catch (IOException e)
        {
            return $"(unreadable link target: {e.Message})";
        }
    }

    private static string Describe(UnixFileKind kind) => kind switch
    {
        UnixFileKind.Fifo => "a named pipe",
        UnixFileKind.Socket => "a socket",
        UnixFileKind.CharacterDevice => "a character device",
        UnixFileKind.BlockDevice => "a block device",
        _ => "an unknown file type",
    };
}
