using Athar.Storage;

namespace Athar.Web.Catalog;

/// <summary>
/// Where an item's original lies: <c>objects/OBJECTPATH/v1/content/STOREDNAME</c>, both parts from the catalog,
/// never from the request. The result is checked to lie inside the storage root.
/// </summary>
public static class OriginalFiles
{
    public static string PathOf(string archiveRoot, WebItem item)
    {
        var objects = Path.GetFullPath(new ArchiveLayout(archiveRoot).Objects);
        var full = Path.GetFullPath(Path.Combine(objects, item.ObjectPath, "v1", "content", item.StoredName));
        if (!full.StartsWith(objects + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException($"item {item.Id}: its catalog path leaves the storage root");
        return full;
    }

    /// <summary>Opens the original for reading only; the object is never written.</summary>
    public static FileStream OpenRead(string archiveRoot, WebItem item) =>
        new(PathOf(archiveRoot, item), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
