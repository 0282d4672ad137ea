using System.Text.Json;

namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// Validates an OCFL 1.1 storage root (section 4): its declaration, ocfl_layout.json, its extensions
/// directory, the storage hierarchy, and then every object in it, with each object's messages prefixed by
/// the object's path. When the root uses layout 0004, each object must sit where its id maps to.
/// </summary>
internal static class StorageRootValidator
{
    public const string LayoutFile = "ocfl_layout.json";

    // Layouts nest a few directories deep (0004 defaults to 4); a hierarchy far deeper is hostile.
    private const int MaxHierarchyDepth = 64;

    public static void Validate(string storageRoot, ValidationLog log)
    {
        var entries = SafeDirectory.List(storageRoot, out var failure);
        if (entries is null)
        {
            log.Error("E069", "", $"cannot be listed: {failure}");
            return;
        }
        var declared = Namaste.Check(entries, Namaste.StorageRootCodes, log) ?? "1.1";
        var layoutName = ReadLayoutName(entries, log);
        var layout = ReadExtensions(entries, layoutName, log);

        var objects = new List<(string RelativePath, string FullPath)>();
        foreach (var entry in entries)
        {
            // Section 4.1: the root holds its declaration, ocfl_layout.json, extensions and the hierarchy;
            // other files are ignored (E087).
            if (entry.Kind == EntryKind.Link) log.Error("E090", entry.Name, "is a symbolic link; links are not allowed in a storage root and are not followed.");
            else if (entry.Kind == EntryKind.Directory && entry.Name != ObjectValidator.ExtensionsDirectory) Walk(entry.FullPath, entry.Name, objects, log, depth: 1);
        }

        var pathOfId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (relativePath, fullPath) in objects)
        {
            var objectLog = log.ForFolder(relativePath);
            var outcome = ObjectValidator.Validate(fullPath, objectLog);
            // Section 4.2 (E081): objects conform to the same or an earlier version than the root.
            if (outcome.DeclaredVersion is not null && Namaste.CompareVersions(outcome.DeclaredVersion, declared) > 0)
            {
                objectLog.Error("E081", "0=" + Namaste.ObjectPrefix + outcome.DeclaredVersion, $"declares OCFL {outcome.DeclaredVersion}, later than the storage root's {declared}.");
            }
            if (outcome.Id is null) continue;
            if (pathOfId.TryGetValue(outcome.Id, out var other))
            {
                log.Error("E037", relativePath, $"has id \"{outcome.Id}\", which the object at {other} also has; ids must be unique in a storage root.");
            }
            else
            {
                pathOfId[outcome.Id] = relativePath;
            }
            if (layout is not null)
            {
                var expected = layout.PathFor(outcome.Id);
                if (expected != relativePath)
                {
                    log.Error("E083", relativePath, $"holds the object with id \"{outcome.Id}\", which layout {OcflExtensions.HashedNTupleStorageLayout} places at {expected}.");
                }
            }
        }
    }

    // Sections 4.1 and 4.3 (E072, E073, E084, E085): the hierarchy holds only directories until it ends in object
    // roots, which are found by their declaration file.
    private static void Walk(string fullPath, string relative, List<(string, string)> objects, ValidationLog log, int depth)
    {
        var entries = SafeDirectory.List(fullPath, out var failure);
        if (entries is null)
        {
            log.Error("E085", relative, $"cannot be listed: {failure}");
            return;
        }
        if (entries.Any(e => e.Kind == EntryKind.File && e.Name.StartsWith("0=" + Namaste.ObjectPrefix, StringComparison.Ordinal)))
        {
            objects.Add((relative, fullPath));
            return;
        }
        if (entries.Count == 0)
        {
            log.Error("E073", relative, "is an empty directory in the storage hierarchy.");
            return;
        }
        if (depth >= MaxHierarchyDepth)
        {
            log.Error("E085", relative, $"is more than {MaxHierarchyDepth} directories deep without reaching an object; the validator stops here.");
            return;
        }
        foreach (var entry in entries)
        {
            var child = relative + "/" + entry.Name;
            switch (entry.Kind)
            {
                case EntryKind.Link:
                    log.Error("E090", child, "is a symbolic link; links are not allowed in a storage root and are not followed.");
                    break;
                case EntryKind.Directory:
                    Walk(entry.FullPath, child, objects, log, depth + 1);
                    break;
                default:
                    log.Error("E084", child, "is a file in an intermediate directory of the storage hierarchy, outside any object.");
                    break;
            }
        }
    }

    // Section 4.1 (E070, E071): ocfl_layout.json, if present, names the layout extension and describes it.
    private static string? ReadLayoutName(IReadOnlyList<DirectoryEntry> entries, ValidationLog log)
    {
        var entry = entries.FirstOrDefault(e => e.Name == LayoutFile);
        if (entry.Name is null) return null;
        var bytes = entry.Kind == EntryKind.File ? SafeDirectory.ReadAll(entry.FullPath, SafeDirectory.MaxSmallFileBytes, out _) : null;
        if (bytes is null)
        {
            log.Error("E070", LayoutFile, "cannot be read as a small JSON file.");
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("extension", out var extension) || !root.TryGetProperty("description", out _))
            {
                log.Error("E070", LayoutFile, "must be a JSON object with the keys \"extension\" and \"description\".");
                return null;
            }
            var name = extension.ValueKind == JsonValueKind.String ? extension.GetString() : null;
            if (name is null || !OcflExtensions.IsRegistered(name))
            {
                log.Error("E071", LayoutFile, $"extension must be the name of a registered layout extension, not {(name is null ? "a " + InventoryReader.Describe(extension) : "\"" + name + "\"")}.");
                return null;
            }
            return name;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            log.Error("E070", LayoutFile, $"is not valid JSON text ({e.Message}).");
            return null;
        }
    }

    // Section 4.4 (E112, W016): extensions holds only registered extension directories. Returns the 0004
    // layout when the root uses it, from its config.json or the extension's defaults.
    private static HashedNTupleLayout? ReadExtensions(IReadOnlyList<DirectoryEntry> entries, string? layoutName, ValidationLog log)
    {
        var usesHashedNTuple = layoutName == OcflExtensions.HashedNTupleStorageLayout;
        var extensions = entries.FirstOrDefault(e => e.Name == ObjectValidator.ExtensionsDirectory);
        if (extensions.Name is null) return usesHashedNTuple ? HashedNTupleLayout.Default : null;
        if (extensions.Kind != EntryKind.Directory)
        {
            log.Error("E112", ObjectValidator.ExtensionsDirectory, "must be a directory.");
            return usesHashedNTuple ? HashedNTupleLayout.Default : null;
        }
        var children = SafeDirectory.List(extensions.FullPath, out var failure);
        if (children is null)
        {
            log.Error("E112", ObjectValidator.ExtensionsDirectory, $"cannot be listed: {failure}");
            return null;
        }
        HashedNTupleLayout? layout = usesHashedNTuple ? HashedNTupleLayout.Default : null;
        foreach (var child in children)
        {
            var file = ObjectValidator.ExtensionsDirectory + "/" + child.Name;
            if (child.Kind != EntryKind.Directory)
            {
                log.Error("E112", file, "is not an extension sub-directory; the extensions directory holds only directories.");
                continue;
            }
            if (!OcflExtensions.IsRegistered(child.Name))
            {
                log.Warning("W016", file, "is not named after a registered OCFL extension.");
                continue;
            }
            if (child.Name != OcflExtensions.HashedNTupleStorageLayout || layoutName is not null && !usesHashedNTuple) continue;
            var configPath = Path.Combine(child.FullPath, HashedNTupleLayout.ConfigFile);
            if (!File.Exists(configPath)) continue;
            var configFile = file + "/" + HashedNTupleLayout.ConfigFile;
            var bytes = SafeDirectory.ReadAll(configPath, SafeDirectory.MaxSmallFileBytes, out failure);
            var parsed = bytes is null ? null : HashedNTupleLayout.Parse(bytes, out failure);
            if (parsed is null)
            {
                // E083: without a valid configuration there is no deterministic id-to-path mapping.
                log.Error("E083", configFile, $"{failure}.");
                return null;
            }
            layout = parsed;
        }
        return layout;
    }
}
