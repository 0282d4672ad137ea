using System.Text.Json;

namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// Checks the structure of one inventory file (OCFL 1.1 section 3.5) and keeps what later checks need.
/// The blocks are checked in an order that puts the most fundamental problem first: identity and
/// algorithm, then the manifest, then the versions, then head (which only means something against the
/// versions), then fixity, then the cross-references between blocks.
/// </summary>
internal static class InventoryReader
{
    public const string InventoryFile = "inventory.json";

    private static readonly HashSet<string> TopLevelKeys = new(StringComparer.Ordinal)
    {
        "id", "type", "digestAlgorithm", "head", "contentDirectory", "fixity", "manifest", "versions",
    };

    /// <summary>
    /// Parses and checks <paramref name="bytes"/>, the inventory at <paramref name="file"/>. For the root
    /// inventory pass the version the object's conformance declaration names (E038); pass null for
    /// inventories in version directories. Returns null when the file is not a JSON object at all.
    /// </summary>
    public static Inventory? Read(byte[] bytes, string file, ValidationLog log, string? declaredSpecVersion, bool isRoot)
    {
        // Section 3.5 (E033): an inventory is JSON, which is UTF-8 (RFC 8259 section 8.1). Invalid bytes
        // would otherwise only surface when a string is read.
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            log.Error("E033", file, "is not valid UTF-8 text, so it is not a JSON inventory.");
            return null;
        }
        JsonDocument document;
        try
        {
            // Duplicate keys would let two readers of the same file see different inventories.
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            log.Error("E033", file, $"is not valid JSON ({e.Message}).");
            return null;
        }
        using (document)
        {
            try
            {
                return ReadDocument(document.RootElement, bytes, file, log, declaredSpecVersion, isRoot);
            }
            catch (InvalidOperationException e)
            {
                // A string escape that is not valid UTF-16 (a lone surrogate such as \ud800) parses as JSON
                // but cannot be read as text.
                log.Error("E033", file, $"holds a string that cannot be read as text ({e.Message}).");
                return null;
            }
        }
    }

    private static Inventory? ReadDocument(JsonElement root, byte[] bytes, string file, ValidationLog log, string? declaredSpecVersion, bool isRoot)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            log.Error("E033", file, $"must hold a JSON object but holds a {Describe(root)}.");
            return null;
        }
        var inventory = new Inventory { File = file, Bytes = bytes };
        ReadId(root, inventory, log);
        ReadType(root, inventory, log, declaredSpecVersion, isRoot);
        ReadDigestAlgorithm(root, inventory, log);
        ReadContentDirectory(root, inventory, log);
        InventoryManifestReader.ReadManifest(root, inventory, log);
        InventoryVersionReader.ReadVersions(root, inventory, log);
        ReadHead(root, inventory, log);
        InventoryManifestReader.ReadFixity(root, inventory, log);
        CheckStateDigestsAreInManifest(inventory, log);
        foreach (var property in root.EnumerateObject())
        {
            if (!TopLevelKeys.Contains(property.Name))
            {
                log.Error("E102", file, $"has the key \"{property.Name}\", which the specification does not define.");
            }
        }
        return inventory;
    }

    internal static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "JSON object",
        JsonValueKind.Array => "JSON array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>An RFC 3986 URI starts with a scheme: a letter, then letters, digits, '+', '-' or '.', then ':'.</summary>
    internal static bool LooksLikeUri(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || colon == value.Length - 1 || !char.IsAsciiLetter(value[0])) return false;
        for (var i = 1; i < colon; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.') return false;
        }
        return !value.Any(char.IsWhiteSpace);
    }

    // Section 3.5.1: id is required (E036) and should be a URI (W005).
    private static void ReadId(JsonElement root, Inventory inventory, ValidationLog log)
    {
        if (!root.TryGetProperty("id", out var id))
        {
            log.Error("E036", inventory.File, "has no id.");
            return;
        }
        if (id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0)
        {
            log.Error("E036", inventory.File, $"id must be a non-empty string but is a {Describe(id)}.");
            return;
        }
        inventory.Id = id.GetString();
        if (!LooksLikeUri(inventory.Id!)) log.Warning("W005", inventory.File, $"id \"{inventory.Id}\" is not a URI.");
    }

    // Section 3.5.1: type is required (E036); in the root inventory it names the declared spec version (E038).
    private static void ReadType(JsonElement root, Inventory inventory, ValidationLog log, string? declaredSpecVersion, bool isRoot)
    {
        if (!root.TryGetProperty("type", out var type))
        {
            log.Error("E036", inventory.File, "has no type.");
            return;
        }
        if (type.ValueKind != JsonValueKind.String)
        {
            log.Error("E038", inventory.File, $"type must be a string but is a {Describe(type)}.");
            return;
        }
        inventory.Type = type.GetString();
        inventory.SpecVersion = inventory.Type switch
        {
            "https://ocfl.io/1.0/spec/#inventory" => "1.0",
            "https://ocfl.io/1.1/spec/#inventory" => "1.1",
            _ => null,
        };
        if (isRoot && declaredSpecVersion is not null && inventory.SpecVersion != declaredSpecVersion)
        {
            log.Error("E038", inventory.File, $"type is \"{inventory.Type}\" but the object declares OCFL {declaredSpecVersion}, so it must be \"https://ocfl.io/{declaredSpecVersion}/spec/#inventory\".");
        }
        else if (inventory.SpecVersion is null)
        {
            log.Error("E038", inventory.File, $"type \"{inventory.Type}\" is not an OCFL inventory type.");
        }
    }

    // Sections 3.5.1 and 3.4: digestAlgorithm is required (E036), sha512 or sha256 (E025), preferably sha512 (W004).
    private static void ReadDigestAlgorithm(JsonElement root, Inventory inventory, ValidationLog log)
    {
        if (!root.TryGetProperty("digestAlgorithm", out var algorithm))
        {
            log.Error("E036", inventory.File, "has no digestAlgorithm.");
            return;
        }
        var name = algorithm.ValueKind == JsonValueKind.String ? algorithm.GetString()! : null;
        if (name is null || !OcflDigestAlgorithms.IsContentAlgorithm(name))
        {
            log.Error("E025", inventory.File, $"digestAlgorithm must be \"sha512\" or \"sha256\" but is {(name is null ? "a " + Describe(algorithm) : "\"" + name + "\"")}.");
            return;
        }
        inventory.DigestAlgorithm = name;
        if (name == OcflDigestAlgorithms.Sha256) log.Warning("W004", inventory.File, "uses sha256; sha512 is recommended for content addressing.");
    }

    // Section 3.5.1: contentDirectory, when present, is one path element other than "." and ".." (E017, E018).
    private static void ReadContentDirectory(JsonElement root, Inventory inventory, ValidationLog log)
    {
        if (!root.TryGetProperty("contentDirectory", out var directory)) return;
        if (directory.ValueKind != JsonValueKind.String || directory.GetString()!.Length == 0)
        {
            log.Error("E017", inventory.File, $"contentDirectory must be a non-empty string but is a {Describe(directory)}.");
            return;
        }
        var name = directory.GetString()!;
        if (name.Contains('/', StringComparison.Ordinal))
        {
            log.Error("E017", inventory.File, $"contentDirectory \"{name}\" contains '/'.");
            return;
        }
        if (name is "." or "..")
        {
            log.Error("E018", inventory.File, $"contentDirectory must not be \"{name}\".");
            return;
        }
        inventory.ContentDirectory = name;
    }

    // Section 3.5.1: head is required (E036), a string naming the highest version (E040).
    private static void ReadHead(JsonElement root, Inventory inventory, ValidationLog log)
    {
        if (!root.TryGetProperty("head", out var head))
        {
            log.Error("E036", inventory.File, "has no head.");
            return;
        }
        if (head.ValueKind != JsonValueKind.String)
        {
            log.Error("E040", inventory.File, $"head must be a version name string but is a {Describe(head)}.");
            return;
        }
        inventory.Head = head.GetString();
        if (inventory.Versions.Count == 0) return;
        var latest = inventory.Versions[^1].Name;
        if (inventory.Head != latest)
        {
            log.Error("E040", inventory.File, $"head is \"{inventory.Head}\" but the highest version in the versions block is \"{latest}\".");
        }
    }

    // Section 3.5.3.1: every state digest is a manifest key, compared exactly (E050); section 3.5.2: every
    // manifest digest is used by some version's state (E107).
    private static void CheckStateDigestsAreInManifest(Inventory inventory, ValidationLog log)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in inventory.Versions)
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (logicalPath, digest) in version.State)
            {
                used.Add(digest);
                if (!inventory.Manifest.ContainsKey(digest) && reported.Add(digest))
                {
                    log.Error("E050", inventory.File, $"version {version.Name} state has digest {digest} (for \"{logicalPath}\"), which is not a key of the manifest.");
                }
            }
        }
        foreach (var digest in inventory.Manifest.Keys)
        {
            if (!used.Contains(digest))
            {
                log.Error("E107", inventory.File, $"manifest digest {digest} is not used by the state of any version.");
            }
        }
    }
}
