using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Athar.Storage.Ocfl;

/// <summary>
/// Builds a one-version OCFL object in a staging folder around a content file that ingest has already
/// copied and hashed. The caller makes it durable and renames it into the storage root; nothing here
/// touches the root, so an interrupted build leaves only staging debris.
/// </summary>
public static class OcflObjectBuilder
{
    public const string ContentDirectory = "content";

    /// <summary>
    /// Moves <paramref name="stagedContentFile"/> into a new object folder at <paramref name="objectFolder"/>
    /// (which must not exist) under the logical name <paramref name="logicalName"/>.
    /// </summary>
    public static void Build(string objectFolder, string objectId, string stagedContentFile, string contentDigestHex,
        string logicalName, DateTimeOffset created, string user, string message)
    {
        var contentName = SafeContentName(logicalName, contentDigestHex);
        var contentPath = $"v1/{ContentDirectory}/{contentName}";
        Directory.CreateDirectory(Path.Combine(objectFolder, "v1", ContentDirectory));
        File.Move(stagedContentFile, Path.Combine(objectFolder, "v1", ContentDirectory, contentName));
        File.WriteAllText(Path.Combine(objectFolder, "0=ocfl_object_1.1"), "ocfl_object_1.1\n", Encoding.ASCII);

        var inventory = new JsonObject
        {
            ["id"] = objectId,
            ["type"] = "https://ocfl.io/1.1/spec/#inventory",
            ["digestAlgorithm"] = "sha256",
            ["head"] = "v1",
            ["contentDirectory"] = ContentDirectory,
            ["manifest"] = new JsonObject { [contentDigestHex] = new JsonArray(contentPath) },
            ["versions"] = new JsonObject
            {
                ["v1"] = new JsonObject
                {
                    ["created"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    ["state"] = new JsonObject { [contentDigestHex] = new JsonArray(contentName) },
                    ["message"] = message,
                    ["user"] = new JsonObject { ["name"] = user },
                },
            },
        };
        var bytes = Encoding.UTF8.GetBytes(inventory.ToJsonString(OcflJson.Options));
        var sidecar = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(bytes)) + "  inventory.json\n");
        foreach (var folder in new[] { objectFolder, Path.Combine(objectFolder, "v1") })
        {
            File.WriteAllBytes(Path.Combine(folder, "inventory.json"), bytes);
            File.WriteAllBytes(Path.Combine(folder, "inventory.json.sha256"), sidecar);
        }
    }

    /// <summary>
    /// The original's first-seen file name, unless it cannot be a file name inside the object (empty, "."
    /// or "..", or longer than the 255 bytes most file systems allow); then the digest stands in.
    /// </summary>
    public static string SafeContentName(string logicalName, string digestHex)
    {
        if (logicalName.Length == 0 || logicalName is "." or ".." || logicalName.Contains('/') || logicalName.Contains('\0')
            || Encoding.UTF8.GetByteCount(logicalName) > 255)
            return digestHex;
        return logicalName;
    }
}
