namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// What the validator keeps of one inventory file (OCFL 1.1 section 3.5) after checking its structure:
/// only the parts later checks compare. Fields are null where the file lacked them or had the wrong type.
/// </summary>
internal sealed class Inventory
{
    public const string DefaultContentDirectory = "content";

    /// <summary>The file, relative to the object root: "inventory.json" or "v2/inventory.json".</summary>
    public required string File { get; init; }

    /// <summary>The exact bytes read, for E064 (the root inventory equals the latest version's).</summary>
    public required byte[] Bytes { get; init; }

    public string? Id { get; set; }

    public string? Type { get; set; }

    /// <summary>The "1.0" or "1.1" that the type URI names, or null for an unknown type.</summary>
    public string? SpecVersion { get; set; }

    public string? DigestAlgorithm { get; set; }

    public string? Head { get; set; }

    public string ContentDirectory { get; set; } = DefaultContentDirectory;

    /// <summary>Digest to content paths, keys exactly as written (state digests must match them exactly).</summary>
    public Dictionary<string, List<string>> Manifest { get; } = new(StringComparer.Ordinal);

    /// <summary>Content path to manifest digest.</summary>
    public Dictionary<string, string> DigestOfContentPath { get; } = new(StringComparer.Ordinal);

    /// <summary>Versions with usable names, ordered by number. Add through <see cref="AddVersion"/>.</summary>
    public IReadOnlyList<InventoryVersion> Versions => _versions;

    private readonly List<InventoryVersion> _versions = [];
    private readonly Dictionary<string, InventoryVersion> _versionsByName = new(StringComparer.Ordinal);

    /// <summary>Fixity algorithm to (content path to digest).</summary>
    public Dictionary<string, Dictionary<string, string>> Fixity { get; } = new(StringComparer.Ordinal);

    public InventoryVersion? FindVersion(string name) => _versionsByName.GetValueOrDefault(name);

    /// <summary>Requires versions to be added in increasing number order.</summary>
    public void AddVersion(InventoryVersion version)
    {
        _versions.Add(version);
        _versionsByName.TryAdd(version.Name, version);
    }
}

/// <summary>One entry of an inventory's versions block (section 3.5.3.1).</summary>
internal sealed class InventoryVersion
{
    public required string Name { get; init; }

    public required long Number { get; init; }

    /// <summary>The created value as written, for W011.</summary>
    public string? Created { get; set; }

    public string? Message { get; set; }

    public string? UserName { get; set; }

    public string? UserAddress { get; set; }

    /// <summary>Logical path to digest, as written in the state block.</summary>
    public Dictionary<string, string> State { get; } = new(StringComparer.Ordinal);
}
