using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Athar.Storage.Catalog;
using Athar.Storage.Ocfl;

namespace Athar.Storage.Fixity;

/// <summary>
/// Re-reads every stored original (or a random sample) and checks it against three independent records:
/// the item id (the SHA-256 taken at first contact), the object's OCFL inventory and its sidecar
/// digest. It also walks objects/ for anything the catalog does not know. Reads run in parallel so
/// the check goes at disk speed.
/// </summary>
public sealed class FixityVerifier(AtharArchive archive)
{
    private const int BufferSize = 1 << 20;

    public FixityReport Run(double sample = 1.0, int? seed = null, IProgress<FixityProgress>? progress = null, CancellationToken cancel = default)
    {
        var items = archive.Catalog.Items().ToList();
        if (sample < 1.0)
        {
            var random = seed is null ? Random.Shared : new Random(seed.Value);
            items = items.Where(_ => random.NextDouble() < sample).ToList();
        }
        var problems = new ConcurrentBag<FixityProblem>();
        long bytesTotal = 0;
        foreach (var item in items) bytesTotal += item.Size;
        long done = 0, bytesDone = 0;
        Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount), CancellationToken = cancel }, item =>
        {
            foreach (var problem in CheckItem(item)) problems.Add(problem);
            var d = Interlocked.Increment(ref done);
            var b = Interlocked.Add(ref bytesDone, item.Size);
            progress?.Report(new FixityProgress(d, items.Count, b, bytesTotal));
        });
        foreach (var problem in FindUnexpected()) problems.Add(problem);
        var ordered = problems.OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
        return new FixityReport(ordered.Count == 0, items.Count, bytesDone, ordered);
    }

    private IEnumerable<FixityProblem> CheckItem(ItemRow item)
    {
        var objectFolder = Path.Combine(archive.Objects.Path, item.ObjectPath);
        var relativeObject = "objects/" + item.ObjectPath;
        if (!Directory.Exists(objectFolder))
        {
            yield return new FixityProblem(item.Id, relativeObject, "missing: the object folder is gone");
            yield break;
        }
        var inventoryProblem = CheckInventory(item, objectFolder, out var contentPaths);
        if (inventoryProblem is not null)
        {
            yield return new FixityProblem(item.Id, relativeObject + "/inventory.json", inventoryProblem);
            if (contentPaths is null) yield break;
        }
        foreach (var contentPath in contentPaths!)
        {
            var full = Path.Combine(objectFolder, contentPath);
            var relative = relativeObject + "/" + contentPath;
            if (!File.Exists(full))
            {
                yield return new FixityProblem(item.Id, relative, "missing: the stored original is gone");
                continue;
            }
            var (digest, size, error) = Digest(full);
            if (error is not null) yield return new FixityProblem(item.Id, relative, "unreadable: " + error);
            else if (digest != item.Id) yield return new FixityProblem(item.Id, relative, $"altered: SHA-256 is now {digest}, recorded {item.Id}");
            else if (size != item.Size) yield return new FixityProblem(item.Id, relative, $"altered: size is now {size}, recorded {item.Size}");
        }
    }

    private static string? CheckInventory(ItemRow item, string objectFolder, out List<string>? contentPaths)
    {
        contentPaths = null;
        var inventoryFile = Path.Combine(objectFolder, "inventory.json");
        var sidecarFile = inventoryFile + ".sha256";
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(inventoryFile);
        }
        catch (IOException e)
        {
            return "missing or unreadable inventory: " + e.Message;
        }
        JsonNode? inventory;
        try
        {
            inventory = JsonNode.Parse(bytes);
        }
        catch (System.Text.Json.JsonException e)
        {
            return "altered: the inventory is not valid JSON (" + e.Message + ")";
        }
        var manifest = inventory?["manifest"] as JsonObject;
        if (manifest?[item.Id] is JsonArray paths)
            contentPaths = paths.Select(p => p!.GetValue<string>()).ToList();
        else
            return "altered: the inventory's manifest does not list the item's digest";
        if (inventory?["id"]?.GetValue<string>() != item.Id) return "altered: the inventory names another object id";
        string sidecar;
        try
        {
            sidecar = File.ReadAllText(sidecarFile).Split(' ', '\t')[0].Trim();
        }
        catch (IOException)
        {
            return "missing: inventory.json.sha256";
        }
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return actual == sidecar ? null : $"altered: inventory.json digest {actual} does not match its sidecar {sidecar}";
    }

    private static (string? Digest, long Size, string? Error) Digest(string path)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            int read;
            while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
            }
            return (Convert.ToHexStringLower(hash.GetHashAndReset()), size, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, 0, e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Object folders the catalog does not know, and files inside objects that their inventory does not list.</summary>
    private IEnumerable<FixityProblem> FindUnexpected()
    {
        var root = archive.Objects.Path;
        foreach (var folder in archive.Objects.EnumerateObjectFolders())
        {
            var relativeObject = Path.GetRelativePath(root, folder).Replace('\\', '/');
            var inventoryFile = Path.Combine(folder, "inventory.json");
            string? id = null;
            JsonObject? manifest = null;
            try
            {
                var inventory = JsonNode.Parse(File.ReadAllBytes(inventoryFile));
                id = inventory?["id"]?.GetValue<string>();
                manifest = inventory?["manifest"] as JsonObject;
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidOperationException)
            {
            }
            if (id is null || archive.Catalog.Item(id) is null)
            {
                yield return new FixityProblem(id, "objects/" + relativeObject,
                    "unexpected: an object the catalog does not record (an interrupted ingest? run the same ingest again)");
                continue;
            }
            var expected = new HashSet<string>(StringComparer.Ordinal)
            {
                "0=ocfl_object_1.1", "inventory.json", "inventory.json.sha256", "v1/inventory.json", "v1/inventory.json.sha256",
            };
            if (manifest is not null)
                foreach (var (_, paths) in manifest)
                    if (paths is JsonArray array) foreach (var p in array) expected.Add(p!.GetValue<string>());
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (!expected.Contains(relative))
                    yield return new FixityProblem(id, $"objects/{relativeObject}/{relative}", "unexpected: a file the object's inventory does not list");
            }
        }
        foreach (var entry in Directory.EnumerateFileSystemEntries(root))
        {
            var name = Path.GetFileName(entry);
            if (name is "0=ocfl_1.1" or "ocfl_layout.json" or "extensions") continue;
            if (Directory.Exists(entry) && name.Length == 3) continue; // first tuple of the 0004 layout
            yield return new FixityProblem(null, "objects/" + name, "unexpected: not part of the OCFL storage root");
        }
    }
}
