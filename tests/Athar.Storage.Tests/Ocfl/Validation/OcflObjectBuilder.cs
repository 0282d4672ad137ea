using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Athar.Storage.Tests.Ocfl.Validation;

/// <summary>
/// Writes a small, valid OCFL 1.1 object by hand (declaration, content, inventory, sidecars) so tests can
/// break one thing at a time. Independent of the validator: it uses only the spec's file formats.
/// </summary>
internal sealed class OcflObjectBuilder(string id, string digestAlgorithm = "sha512")
{
    private readonly List<(string Version, Dictionary<string, byte[]> Files)> _versions = [];

    public string Id { get; } = id;

    /// <summary>Adds a version whose state is exactly <paramref name="files"/> (logical path to bytes).</summary>
    public OcflObjectBuilder AddVersion(Dictionary<string, byte[]> files)
    {
        _versions.Add(("v" + (_versions.Count + 1), files));
        return this;
    }

    /// <summary>Writes the object into <paramref name="objectRoot"/> (created if needed) and returns its root inventory.</summary>
    public JsonObject WriteTo(string objectRoot)
    {
        Directory.CreateDirectory(objectRoot);
        File.WriteAllText(Path.Combine(objectRoot, "0=ocfl_object_1.1"), "ocfl_object_1.1\n");
        var manifest = new JsonObject();
        var versions = new JsonObject();
        JsonObject? inventory = null;
        foreach (var (version, files) in _versions)
        {
            var state = new JsonObject();
            foreach (var (logicalPath, bytes) in files)
            {
                var digest = Digest(bytes);
                if (!manifest.ContainsKey(digest))
                {
                    var contentPath = $"{version}/content/{logicalPath}";
                    var full = Path.Combine(objectRoot, contentPath);
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    File.WriteAllBytes(full, bytes);
                    manifest[digest] = new JsonArray(contentPath);
                }
                if (state[digest] is JsonArray paths) paths.Add(logicalPath);
                else state[digest] = new JsonArray(logicalPath);
            }
            versions[version] = new JsonObject
            {
                ["created"] = "2024-05-01T10:00:00Z",
                ["message"] = "version " + version,
                ["user"] = new JsonObject { ["name"] = "Test Archivist", ["address"] = "mailto:archivist@example.org" },
                ["state"] = state,
            };
            inventory = new JsonObject
            {
                ["id"] = Id,
                ["type"] = "https://ocfl.io/1.1/spec/#inventory",
                ["digestAlgorithm"] = digestAlgorithm,
                ["head"] = version,
                ["manifest"] = manifest.DeepClone(),
                ["versions"] = versions.DeepClone(),
            };
            WriteInventory(Path.Combine(objectRoot, version), inventory);
        }
        WriteInventory(objectRoot, inventory!);
        return inventory!;
    }

    /// <summary>Writes inventory.json and its sidecar into <paramref name="folder"/>.</summary>
    public void WriteInventory(string folder, JsonObject inventory)
    {
        Directory.CreateDirectory(folder);
        var bytes = Encoding.UTF8.GetBytes(inventory.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllBytes(Path.Combine(folder, "inventory.json"), bytes);
        File.WriteAllText(Path.Combine(folder, "inventory.json." + digestAlgorithm), Digest(bytes) + " inventory.json\n");
    }

    public string Digest(byte[] bytes) => Convert.ToHexStringLower(digestAlgorithm == "sha256" ? SHA256.HashData(bytes) : SHA512.HashData(bytes));

    public static Dictionary<string, byte[]> Files(params (string Path, string Text)[] files) =>
        files.ToDictionary(f => f.Path, f => Encoding.UTF8.GetBytes(f.Text));
}
