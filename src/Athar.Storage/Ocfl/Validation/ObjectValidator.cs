namespace Athar.Storage.Ocfl.Validation;

/// <summary>What a storage root needs to know about an object it validated.</summary>
internal sealed record ObjectOutcome(string? Id, string? DeclaredVersion);

/// <summary>
/// Validates one OCFL 1.1 object (section 3). The checks run from the most fundamental to the most
/// detailed, so that the first error names the root problem: the conformance declaration, what sits in the
/// object root, the root inventory and its sidecar, the version directories, the inventories kept in them,
/// and last the content files and their digests.
/// </summary>
internal static class ObjectValidator
{
    public const string ExtensionsDirectory = "extensions";
    public const string LogsDirectory = "logs";

    public static ObjectOutcome Validate(string objectRoot, ValidationLog log)
    {
        var entries = SafeDirectory.List(objectRoot, out var failure);
        if (entries is null)
        {
            log.Error("E003", "", $"cannot be listed: {failure}");
            return new ObjectOutcome(null, null);
        }

        // Section 3.2: the declaration says which spec version everything else is checked against.
        var declared = Namaste.Check(entries, Namaste.ObjectCodes, log);
        CheckRootEntries(entries, log);

        var inventoryEntry = entries.Find(e => e.Name == InventoryReader.InventoryFile);
        if (inventoryEntry.Name is null || inventoryEntry.Kind != EntryKind.File)
        {
            log.Error("E063", InventoryReader.InventoryFile, "is missing from the object root.");
            return new ObjectOutcome(null, declared);
        }
        var bytes = SafeDirectory.ReadAll(inventoryEntry.FullPath, SafeDirectory.MaxJsonBytes, out failure);
        if (bytes is null)
        {
            log.Error("E033", InventoryReader.InventoryFile, $"cannot be read: {failure}");
            return new ObjectOutcome(null, declared);
        }
        var rootWarnings = new HashSet<string>(StringComparer.Ordinal);
        var inventory = InventoryReader.Read(bytes, InventoryReader.InventoryFile, log.CapturingWarnings(rootWarnings), declared ?? "1.1", isRoot: true);
        if (inventory is null) return new ObjectOutcome(null, declared);

        InventorySidecar.Check(entries, InventoryReader.InventoryFile, bytes, inventory.DigestAlgorithm, log);
        CheckExtraSidecars(entries, inventory, log);
        CheckVersionDirectoriesMatchInventory(entries, inventory, log);
        CheckExtensionsDirectory(entries, log);

        var versionDirectories = VersionDirectoryScanner.Scan(entries, inventory, log);
        var versionInventories = VersionInventoryChecker.Check(versionDirectories, inventory, rootWarnings, log);
        ContentDigestChecker.Check(objectRoot, versionDirectories, inventory, versionInventories, log);
        return new ObjectOutcome(inventory.Id, declared);
    }

    // Section 3.1 (E001): the root holds the declaration, the inventory and its sidecar, version
    // directories, and optionally "extensions" and "logs"; nothing else. Links are never allowed (E090).
    private static void CheckRootEntries(IReadOnlyList<DirectoryEntry> entries, ValidationLog log)
    {
        foreach (var entry in entries)
        {
            var name = entry.Name;
            if (entry.Kind == EntryKind.Link)
            {
                log.Error("E090", name, "is a symbolic link; links are not allowed in OCFL objects and are not followed.");
                continue;
            }
            var isFile = entry.Kind == EntryKind.File;
            var expected =
                (isFile && Namaste.IsDeclarationCandidate(name)) ||
                (isFile && name == InventoryReader.InventoryFile) ||
                (isFile && name.StartsWith(InventoryReader.InventoryFile + ".", StringComparison.Ordinal)) ||
                (!isFile && VersionNaming.LooksLikeVersion(name)) ||
                (!isFile && name is ExtensionsDirectory or LogsDirectory);
            if (!expected)
            {
                log.Error("E001", name, $"is an unexpected {(isFile ? "file" : "directory")} in the object root.");
            }
        }
    }

    // A second sidecar for another algorithm is an extra file in the root (E001).
    private static void CheckExtraSidecars(IReadOnlyList<DirectoryEntry> entries, Inventory inventory, ValidationLog log)
    {
        if (inventory.DigestAlgorithm is null) return;
        var expected = InventoryReader.InventoryFile + "." + inventory.DigestAlgorithm;
        if (!entries.Any(e => e.Name == expected)) return;
        foreach (var entry in entries)
        {
            if (entry.Kind == EntryKind.File && entry.Name.StartsWith(InventoryReader.InventoryFile + ".", StringComparison.Ordinal) && entry.Name != expected)
            {
                log.Error("E001", entry.Name, $"is an unexpected file in the object root; the inventory's sidecar is {expected}.");
            }
        }
    }

    // Section 3.5.3 (E046): the versions block names exactly the version directories. A listed version
    // without a directory breaks the version sequence on disk (E010).
    private static void CheckVersionDirectoriesMatchInventory(IReadOnlyList<DirectoryEntry> entries, Inventory inventory, ValidationLog log)
    {
        var directories = new HashSet<string>(
            entries.Where(e => e.Kind == EntryKind.Directory && VersionNaming.LooksLikeVersion(e.Name)).Select(e => e.Name),
            StringComparer.Ordinal);
        foreach (var version in inventory.Versions)
        {
            if (!directories.Contains(version.Name))
            {
                log.Error("E010", InventoryReader.InventoryFile, $"lists version {version.Name}, but the object has no directory {version.Name}.");
            }
        }
        foreach (var directory in directories.Order(StringComparer.Ordinal))
        {
            if (inventory.FindVersion(directory) is null)
            {
                log.Error("E046", directory, $"is a version directory that {InventoryReader.InventoryFile} does not list; the root inventory must describe the most recent version.");
            }
        }
    }

    // Section 3.9 (E067, W013): "extensions" holds only sub-directories named for registered extensions.
    private static void CheckExtensionsDirectory(IReadOnlyList<DirectoryEntry> entries, ValidationLog log)
    {
        var extensions = entries.FirstOrDefault(e => e.Name == ExtensionsDirectory && e.Kind == EntryKind.Directory);
        if (extensions.Name is null) return;
        var children = SafeDirectory.List(extensions.FullPath, out var failure);
        if (children is null)
        {
            log.Error("E067", ExtensionsDirectory, $"cannot be listed: {failure}");
            return;
        }
        foreach (var child in children)
        {
            var file = ExtensionsDirectory + "/" + child.Name;
            if (child.Kind != EntryKind.Directory)
            {
                log.Error("E067", file, "is not an extension sub-directory; the extensions directory holds only directories.");
            }
            else if (!OcflExtensions.IsRegistered(child.Name))
            {
                log.Warning("W013", file, "is not named after a registered OCFL extension.");
            }
        }
    }
}
