using System.Text.Json;

namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// The manifest (OCFL 1.1 section 3.5.2) and fixity (section 3.5.4) blocks: both map a digest to the
/// content paths that have it, so both follow the same content-path rules (E099-E101).
/// </summary>
internal static class InventoryManifestReader
{
    public static void ReadManifest(JsonElement root, Inventory inventory, ValidationLog log)
    {
        var file = inventory.File;
        if (!root.TryGetProperty("manifest", out var manifest))
        {
            log.Error("E041", file, "has no manifest block.");
            return;
        }
        if (manifest.ValueKind != JsonValueKind.Object)
        {
            log.Error("E106", file, $"manifest must be a JSON object but is a {InventoryReader.Describe(manifest)}.");
            return;
        }
        // E096: digests are case-insensitive, so "ab" and "AB" are the same key twice.
        var digestsIgnoringCase = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var entries = new List<(string Digest, List<string> Paths)>();
        foreach (var entry in manifest.EnumerateObject())
        {
            if (!digestsIgnoringCase.Add(entry.Name))
            {
                log.Error("E096", file, $"manifest lists digest {entry.Name} more than once (digests are compared ignoring case).");
                continue;
            }
            if (inventory.DigestAlgorithm is not null && !IsHexDigestOf(entry.Name, inventory.DigestAlgorithm))
            {
                log.Error("E039", file, $"manifest key {entry.Name} is not a {inventory.DigestAlgorithm} digest ({HexLength(inventory.DigestAlgorithm)} hex digits); digestAlgorithm must be the algorithm the manifest uses.");
            }
            var paths = ReadPathArray(entry, "E092", log, file, "manifest");
            if (paths is not null) entries.Add((entry.Name, paths));
        }
        var allPaths = entries.SelectMany(e => e.Paths).ToList();
        var malformed = OcflPaths.FindMalformed(allPaths, OcflPaths.Content, log, file, "manifest");
        OcflPaths.CheckUniqueAndNonConflicting(allPaths.Where(p => !malformed.Contains(p)), OcflPaths.Content, log, file, "manifest");
        foreach (var (digest, paths) in entries)
        {
            paths.RemoveAll(malformed.Contains);
            inventory.Manifest[digest] = paths;
            foreach (var path in paths) inventory.DigestOfContentPath.TryAdd(path, digest);
        }
    }

    public static void ReadFixity(JsonElement root, Inventory inventory, ValidationLog log)
    {
        var file = inventory.File;
        if (!root.TryGetProperty("fixity", out var fixity)) return;
        if (fixity.ValueKind != JsonValueKind.Object)
        {
            log.Error("E111", file, $"fixity must be a JSON object but is a {InventoryReader.Describe(fixity)}.");
            return;
        }
        foreach (var block in fixity.EnumerateObject())
        {
            var algorithm = block.Name;
            if (!OcflDigestAlgorithms.IsFixityAlgorithm(algorithm))
            {
                log.Error("E056", file, $"fixity uses digest algorithm \"{algorithm}\", which is neither in the specification nor in a registered extension.");
                continue;
            }
            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                log.Error("E057", file, $"fixity block \"{algorithm}\" must be a JSON object of digests but is a {InventoryReader.Describe(block.Value)}.");
                continue;
            }
            var where = $"fixity block \"{algorithm}\"";
            var digestsIgnoringCase = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var entries = new List<(string Digest, List<string> Paths)>();
            foreach (var entry in block.Value.EnumerateObject())
            {
                if (!digestsIgnoringCase.Add(entry.Name))
                {
                    log.Error("E097", file, $"{where} lists digest {entry.Name} more than once (digests are compared ignoring case).");
                    continue;
                }
                var paths = ReadPathArray(entry, "E057", log, file, where);
                if (paths is not null) entries.Add((entry.Name, paths));
            }
            var allPaths = entries.SelectMany(e => e.Paths).ToList();
            var malformed = OcflPaths.FindMalformed(allPaths, OcflPaths.Content, log, file, where);
            OcflPaths.CheckUniqueAndNonConflicting(allPaths.Where(p => !malformed.Contains(p)), OcflPaths.Content, log, file, where);
            var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (digest, paths) in entries)
            {
                foreach (var path in paths)
                {
                    if (!malformed.Contains(path)) byPath.TryAdd(path, digest);
                }
            }
            inventory.Fixity[algorithm] = byPath;
        }
    }

    // Sections 3.4 and 3.5.1 (E039): sha256 and sha512 digests are hex, 64 and 128 digits long, in
    // either case.
    private static bool IsHexDigestOf(string digest, string algorithm) =>
        digest.Length == HexLength(algorithm) && digest.All(char.IsAsciiHexDigit);

    private static int HexLength(string algorithm) => algorithm == OcflDigestAlgorithms.Sha256 ? 64 : 128;

    /// <summary>
    /// Reads the array of content paths of one digest. A value that is not an array of strings is
    /// <paramref name="shapeCode"/>; path syntax is checked by the caller over the whole block.
    /// </summary>
    private static List<string>? ReadPathArray(JsonProperty entry, string shapeCode, ValidationLog log, string file, string where)
    {
        if (entry.Value.ValueKind != JsonValueKind.Array)
        {
            log.Error(shapeCode, file, $"{where} digest {entry.Name} must map to an array of content paths but maps to a {InventoryReader.Describe(entry.Value)}.");
            return null;
        }
        var paths = new List<string>();
        foreach (var item in entry.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                log.Error(shapeCode, file, $"{where} digest {entry.Name} lists a {InventoryReader.Describe(item)} where a content path belongs.");
                continue;
            }
            paths.Add(item.GetString()!);
        }
        return paths;
    }
}
