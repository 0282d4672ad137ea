namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// An inventory kept in a version directory, with the directory it was found in. SameAsRoot: the file is
/// the root inventory byte for byte, so every check of the root inventory already covered it.
/// </summary>
internal sealed record VersionInventory(VersionDirectory Directory, Inventory Inventory, bool SameAsRoot);

/// <summary>
/// Checks the inventories kept in version directories against the root inventory (OCFL 1.1 sections 3.7
/// and 3.7.1): each is a well-formed inventory with a correct sidecar, describes its own version as head
/// (E040), keeps the object's id (E037) and contentDirectory (E019), never goes back to an older spec
/// (E103), records the same state for every earlier version (E066, W011), and the latest one is the root
/// inventory byte for byte (E064).
/// </summary>
internal static class VersionInventoryChecker
{
    /// <summary>
    /// Checks each version directory's inventory in version order. Warnings that repeat one the root
    /// inventory gave (<paramref name="rootWarnings"/>: code and text) are not reported again.
    /// </summary>
    public static List<VersionInventory> Check(IReadOnlyList<VersionDirectory> directories, Inventory root, HashSet<string> rootWarnings, ValidationLog log)
    {
        var checkedInventories = new List<VersionInventory>();
        string? previousSpec = null;
        string? previousSpecVersion = null;
        foreach (var directory in directories)
        {
            if (directory.InventoryPath is null) continue; // W010 already
            var file = directory.Name + "/" + InventoryReader.InventoryFile;
            var bytes = SafeDirectory.ReadAll(directory.InventoryPath, SafeDirectory.MaxJsonBytes, out var failure);
            if (bytes is null)
            {
                log.Error("E033", file, $"cannot be read: {failure}");
                continue;
            }
            // The latest version's inventory is normally the root inventory byte for byte; its problems
            // were reported for inventory.json already, so it is parsed without repeating them.
            var sameAsRoot = bytes.AsSpan().SequenceEqual(root.Bytes);
            var readLog = sameAsRoot ? new ValidationLog() : log.SuppressingWarnings(rootWarnings);
            var inventory = InventoryReader.Read(bytes, file, readLog, declaredSpecVersion: null, isRoot: false);
            if (inventory is null) continue;
            InventorySidecar.Check(directory.Entries, file, bytes, inventory.DigestAlgorithm, log);

            if (inventory.Head is not null && inventory.Head != directory.Name)
            {
                log.Error("E040", file, $"head is \"{inventory.Head}\" but this inventory sits in {directory.Name}, so head must be \"{directory.Name}\".");
            }
            if (inventory.Id is not null && root.Id is not null && inventory.Id != root.Id)
            {
                log.Error("E037", file, $"id is \"{inventory.Id}\" but the root inventory's id is \"{root.Id}\"; an object's id never changes.");
            }
            if (inventory.ContentDirectory != root.ContentDirectory)
            {
                log.Error("E019", file, $"contentDirectory is \"{inventory.ContentDirectory}\" but the root inventory's is \"{root.ContentDirectory}\"; it must not change between versions.");
            }
            // Section 3.7.1 (E103): each version conforms to the same or a later spec than the one before.
            if (inventory.SpecVersion is not null)
            {
                if (previousSpecVersion is not null && Namaste.CompareVersions(inventory.SpecVersion, previousSpecVersion) < 0)
                {
                    log.Error("E103", file, $"declares OCFL {inventory.SpecVersion} but {previousSpec} declares the later {previousSpecVersion}; versions must not go back to an older specification.");
                }
                previousSpec = file;
                previousSpecVersion = inventory.SpecVersion;
            }
            CompareVersionBlocks(inventory, root, directory, log);
            if (root.Versions.Count > 0 && directory.Number == root.Versions[^1].Number && !sameAsRoot)
            {
                log.Error("E064", file, $"differs from the root {InventoryReader.InventoryFile}; the root inventory must be a copy of the latest version's inventory.");
            }
            checkedInventories.Add(new VersionInventory(directory, inventory, sameAsRoot));
        }
        return checkedInventories;
    }

    // Section 3.7 (E066): every version an older inventory describes has the same state as in the
    // root inventory. With the same digest algorithm the states must be equal digest for digest; after an
    // algorithm change the digests differ, so each logical path is followed to its content files instead.
    private static void CompareVersionBlocks(Inventory older, Inventory root, VersionDirectory directory, ValidationLog log)
    {
        foreach (var rootVersion in root.Versions)
        {
            if (rootVersion.Number > directory.Number) break;
            var olderVersion = older.FindVersion(rootVersion.Name);
            if (olderVersion is null)
            {
                log.Error("E066", older.File, $"has no block for version {rootVersion.Name}, which the root inventory describes.");
                continue;
            }
            var mismatch = older.DigestAlgorithm == root.DigestAlgorithm
                ? FirstDigestMismatch(olderVersion, rootVersion)
                : FirstContentMismatch(older, olderVersion, root, rootVersion);
            if (mismatch is not null)
            {
                log.Error("E066", older.File, $"version {rootVersion.Name} state differs from the root inventory's at logical path \"{mismatch}\".");
            }
            if (olderVersion.Created != rootVersion.Created || olderVersion.Message != rootVersion.Message ||
                olderVersion.UserName != rootVersion.UserName || olderVersion.UserAddress != rootVersion.UserAddress)
            {
                log.Warning("W011", older.File, $"version {rootVersion.Name} has a different created, message or user than the root inventory.");
            }
        }
    }

    private static string? FirstDigestMismatch(InventoryVersion older, InventoryVersion root)
    {
        foreach (var (path, digest) in root.State)
        {
            if (!older.State.TryGetValue(path, out var olderDigest) || !OcflDigestAlgorithms.SameDigest(olderDigest, digest)) return path;
        }
        foreach (var path in older.State.Keys)
        {
            if (!root.State.ContainsKey(path)) return path;
        }
        return null;
    }

    // The older inventory's content files for a logical path must be among the root's for that path: the
    // root manifest may list later copies of the same content, never different content.
    private static string? FirstContentMismatch(Inventory older, InventoryVersion olderVersion, Inventory root, InventoryVersion rootVersion)
    {
        foreach (var (path, digest) in rootVersion.State)
        {
            if (!olderVersion.State.TryGetValue(path, out var olderDigest)) return path;
            if (!root.Manifest.TryGetValue(digest, out var rootPaths) || !older.Manifest.TryGetValue(olderDigest, out var olderPaths)) continue; // E050 already
            foreach (var contentPath in olderPaths)
            {
                if (!rootPaths.Contains(contentPath, StringComparer.Ordinal)) return path;
            }
        }
        foreach (var path in olderVersion.State.Keys)
        {
            if (!rootVersion.State.ContainsKey(path)) return path;
        }
        return null;
    }
}
