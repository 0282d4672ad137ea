namespace Athar.Storage.Ocfl.Validation;

/// <summary>What one directory entry is, decided without following links.</summary>
internal enum EntryKind
{
    File,
    Directory,
    /// <summary>A symbolic link (or other reparse point): never followed, reported as E090.</summary>
    Link,
}

internal readonly record struct DirectoryEntry(string Name, EntryKind Kind, string FullPath);

/// <summary>
/// Directory listing and small-file reading that treat the tree as hostile: links are reported and never
/// followed (OCFL 1.1 section 4.6, E090), and IO failures come back as a reason instead of an exception.
/// </summary>
internal static class SafeDirectory
{
    /// <summary>Inventories of many thousands of files are a few tens of MiB; past this we refuse to parse.</summary>
    public const long MaxJsonBytes = 256L << 20;

    /// <summary>Sidecars and declarations are one line; anything larger is not one.</summary>
    public const long MaxSmallFileBytes = 64L << 10;

    /// <summary>Lists a directory sorted by ordinal name, or returns null with the reason it cannot be read.</summary>
    public static List<DirectoryEntry>? List(string directory, out string? failure)
    {
        failure = null;
        try
        {
            var entries = new List<DirectoryEntry>();
            foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                entries.Add(new DirectoryEntry(info.Name, KindOf(info), info.FullName));
            }
            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return entries;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            failure = e.Message;
            return null;
        }
    }

    /// <summary>Reads a whole file of at most <paramref name="maxBytes"/>, or returns null with the reason.</summary>
    public static byte[]? ReadAll(string fullPath, long maxBytes, out string? failure)
    {
        failure = null;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.LinkTarget is not null)
            {
                failure = "it is a symbolic link, which OCFL forbids and this validator does not follow";
                return null;
            }
            if (info.Length > maxBytes)
            {
                failure = $"it is {info.Length} bytes, more than the {maxBytes} this validator reads";
                return null;
            }
            // See IsEmptyOrSpecial: opening a pipe would block forever, and an empty file has nothing to read.
            if (IsEmptyOrSpecial(info)) return [];
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (stream.Length > maxBytes)
            {
                failure = $"it is {stream.Length} bytes, more than the {maxBytes} this validator reads";
                return null;
            }
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            failure = e.Message;
            return null;
        }
    }

    /// <summary>
    /// True for a file whose size is 0. A pipe or device found in a hostile tree also reports size 0 (and
    /// .NET does not expose the file type), and opening a pipe blocks until someone writes to it; reading
    /// nothing from such a file gives the same result as reading an empty file, without opening it.
    /// </summary>
    public static bool IsEmptyOrSpecial(FileInfo info) => info.Length == 0;

    private static EntryKind KindOf(FileSystemInfo info)
    {
        // LinkTarget is read with lstat, so a link is seen as a link whatever it points to.
        if (info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint)) return EntryKind.Link;
        return info is DirectoryInfo ? EntryKind.Directory : EntryKind.File;
    }
}
