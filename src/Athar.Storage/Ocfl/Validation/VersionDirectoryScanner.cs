namespace Athar.Storage.Ocfl.Validation;

/// <summary>One version directory as found on disk.</summary>
internal sealed class VersionDirectory
{
    public required string Name { get; init; }

    public required long Number { get; init; }

    public required string FullPath { get; init; }

    public required IReadOnlyList<DirectoryEntry> Entries { get; init; }

    /// <summary>The inventory file in this directory, or null when there is none (W010).</summary>
    public string? InventoryPath { get; set; }

    /// <summary>Content files, relative to the object root ("v1/content/a/b.txt"), in ordinal order.</summary>
    public List<string> ContentFiles { get; } = [];
}

/// <summary>
/// Lists the version directories that the root inventory names (OCFL 1.1 section 3.3): each may hold an
/// inventory, its sidecar and the content directory (E015); other directories are ignored with a warning
/// (E022, W002); the content directory holds files and no empty directories (E024).
/// </summary>
internal static class VersionDirectoryScanner
{
    // Deeper trees than this are not real content; stop rather than recurse without end.
    private const int MaxContentDepth = 256;

    public static List<VersionDirectory> Scan(IReadOnlyList<DirectoryEntry> rootEntries, Inventory inventory, ValidationLog log)
    {
        var scanned = new List<VersionDirectory>();
        foreach (var version in inventory.Versions)
        {
            var entry = rootEntries.FirstOrDefault(e => e.Name == version.Name && e.Kind == EntryKind.Directory);
            if (entry.Name is null) continue; // reported as E010 already
            var entries = SafeDirectory.List(entry.FullPath, out var failure);
            if (entries is null)
            {
                log.Error("E015", version.Name, $"cannot be listed: {failure}");
                continue;
            }
            var directory = new VersionDirectory { Name = version.Name, Number = version.Number, FullPath = entry.FullPath, Entries = entries };
            ScanVersion(directory, inventory.ContentDirectory, log);
            scanned.Add(directory);
        }
        return scanned;
    }

    private static void ScanVersion(VersionDirectory directory, string contentDirectory, ValidationLog log)
    {
        foreach (var entry in directory.Entries)
        {
            var file = directory.Name + "/" + entry.Name;
            if (entry.Kind == EntryKind.Link)
            {
                log.Error("E090", file, "is a symbolic link; links are not allowed in OCFL objects and are not followed.");
            }
            else if (entry.Kind == EntryKind.File)
            {
                if (entry.Name == InventoryReader.InventoryFile) directory.InventoryPath = entry.FullPath;
                else if (!entry.Name.StartsWith(InventoryReader.InventoryFile + ".", StringComparison.Ordinal))
                {
                    log.Error("E015", file, $"is a file in a version directory; content belongs in {directory.Name}/{contentDirectory}/.");
                }
            }
            else if (entry.Name == contentDirectory)
            {
                ScanContent(entry.FullPath, file, directory.ContentFiles, log, depth: 0);
            }
            else
            {
                log.Warning("W002", file, $"is a directory other than the content directory \"{contentDirectory}\"; validators ignore it.");
            }
        }
        if (directory.InventoryPath is null)
        {
            log.Warning("W010", directory.Name, "has no inventory.json; every version directory should keep the inventory of its version.");
        }
        directory.ContentFiles.Sort(StringComparer.Ordinal);
    }

    // Section 3.3.1 (E024): no empty directories in a content directory. Files are collected by their
    // content path, which is how the manifest names them.
    private static void ScanContent(string fullPath, string relative, List<string> files, ValidationLog log, int depth)
    {
        if (depth > MaxContentDepth)
        {
            log.Error("E024", relative, $"is nested more than {MaxContentDepth} directories deep; the validator stops here.");
            return;
        }
        var entries = SafeDirectory.List(fullPath, out var failure);
        if (entries is null)
        {
            log.Error("E024", relative, $"cannot be listed: {failure}");
            return;
        }
        if (entries.Count == 0 && depth == 0)
        {
            // Section 3.3.1 (W003): a version without files should have no content directory at all.
            log.Warning("W003", relative, "is an empty content directory; a version without content files should not have one.");
            return;
        }
        if (entries.Count == 0)
        {
            log.Error("E024", relative, "is an empty directory; content directories must not contain empty directories.");
            return;
        }
        foreach (var entry in entries)
        {
            var child = relative + "/" + entry.Name;
            switch (entry.Kind)
            {
                case EntryKind.Link:
                    log.Error("E090", child, "is a symbolic link; links are not allowed in OCFL objects and are not followed.");
                    break;
                case EntryKind.Directory:
                    ScanContent(entry.FullPath, child, files, log, depth + 1);
                    break;
                default:
                    files.Add(child);
                    break;
            }
        }
    }
}
