using System.Text;
using System.Text.Json.Nodes;
using Athar.Storage.IO;

namespace Athar.Storage.Ocfl;

/// <summary>
/// The archive's OCFL 1.1 storage root (objects/). Objects are placed by storage layout extension
/// 0004-hashed-n-tuple-storage-layout with sha256, three tuples of three hex digits, and the full digest
/// of the object id as the object's folder name.
/// </summary>
public sealed class OcflStorageRoot
{
    public const string LayoutExtension = "0004-hashed-n-tuple-storage-layout";

    public OcflStorageRoot(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    public bool Exists => File.Exists(System.IO.Path.Combine(Path, "0=ocfl_1.1"));

    /// <summary>Creates an empty storage root. The folder must not exist or must be empty.</summary>
    public static OcflStorageRoot Create(string path)
    {
        Directory.CreateDirectory(path);
        if (Directory.EnumerateFileSystemEntries(path).Any())
            throw new IOException($"{path}: an OCFL storage root must start empty");
        File.WriteAllText(System.IO.Path.Combine(path, "0=ocfl_1.1"), "ocfl_1.1\n", Encoding.ASCII);
        var layout = new JsonObject
        {
            ["extension"] = LayoutExtension,
            ["description"] = "Hashed n-tuple layout: sha256 of the object id, 3 tuples of 3 hex digits, full digest as the object folder.",
        };
        File.WriteAllText(System.IO.Path.Combine(path, "ocfl_layout.json"), layout.ToJsonString(OcflJson.Options), Encoding.UTF8);
        var extensionFolder = System.IO.Path.Combine(path, "extensions", LayoutExtension);
        Directory.CreateDirectory(extensionFolder);
        var config = new JsonObject
        {
            ["extensionName"] = LayoutExtension,
            ["digestAlgorithm"] = "sha256",
            ["tupleSize"] = Validation.HashedNTupleLayout.Default.TupleSize,
            ["numberOfTuples"] = Validation.HashedNTupleLayout.Default.NumberOfTuples,
            ["shortObjectRoot"] = false,
        };
        File.WriteAllText(System.IO.Path.Combine(extensionFolder, "config.json"), config.ToJsonString(OcflJson.Options), Encoding.UTF8);
        Durability.SyncDirectory(extensionFolder);
        Durability.SyncDirectory(path);
        return new OcflStorageRoot(path);
    }

    /// <summary>The object's folder relative to the storage root, as extension 0004 places it (the validator's own rule).</summary>
    public static string RelativeObjectPath(string objectId) => Validation.HashedNTupleLayout.Default.PathFor(objectId);

    public string ObjectPath(string objectId) => System.IO.Path.Combine(Path, RelativeObjectPath(objectId));

    public bool ContainsObject(string objectId) =>
        File.Exists(System.IO.Path.Combine(ObjectPath(objectId), "0=ocfl_object_1.1"));

    /// <summary>Every object folder under the root, found by walking for object namaste files.</summary>
    public IEnumerable<string> EnumerateObjectFolders()
    {
        var pending = new Stack<string>();
        pending.Push(Path);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            if (File.Exists(System.IO.Path.Combine(folder, "0=ocfl_object_1.1")))
            {
                yield return folder;
                continue;
            }
            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                if (folder == Path && System.IO.Path.GetFileName(child) == "extensions") continue;
                pending.Push(child);
            }
        }
    }
}
