namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// Checks content files against the inventories (OCFL 1.1 sections 3.3.1, 3.5.2 and 3.5.4): every file in
/// a content directory is in the manifest (E023), every manifest path is a file in a version's content
/// directory (E042, E092) with the digest the manifest gives (E092), and fixity digests match (E093).
/// The root inventory is checked first, then each inventory kept in a version directory.
/// </summary>
internal static class ContentDigestChecker
{
    public static void Check(string objectRoot, IReadOnlyList<VersionDirectory> directories, Inventory root, IReadOnlyList<VersionInventory> versionInventories, ValidationLog log)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in directories) existing.UnionWith(directory.ContentFiles);

        foreach (var directory in directories)
        {
            foreach (var file in directory.ContentFiles)
            {
                if (!root.DigestOfContentPath.ContainsKey(file))
                {
                    log.Error("E023", file, $"is a content file that the manifest of {root.File} does not list.");
                }
            }
        }
        foreach (var path in root.DigestOfContentPath.Keys)
        {
            if (!IsInContentDirectory(path, root))
            {
                log.Error("E042", root.File, $"manifest content path \"{path}\" is not inside the content directory of a version (v1/{root.ContentDirectory}/...).");
            }
            else if (!existing.Contains(path))
            {
                log.Error("E092", root.File, $"manifest lists content path \"{path}\", but there is no such file.");
            }
        }

        var digests = ComputeDigests(objectRoot, existing, root, versionInventories, log);
        CheckDigests(root, existing, digests, log);

        foreach (var (directory, inventory, sameAsRoot) in versionInventories)
        {
            if (sameAsRoot) continue;
            foreach (var earlier in directories)
            {
                if (earlier.Number > directory.Number) break;
                foreach (var file in earlier.ContentFiles)
                {
                    if (!inventory.DigestOfContentPath.ContainsKey(file))
                    {
                        log.Error("E023", file, $"is a content file of version {earlier.Name} that the manifest of {inventory.File} does not list.");
                    }
                }
            }
            foreach (var path in inventory.DigestOfContentPath.Keys)
            {
                if (!existing.Contains(path)) log.Error("E092", inventory.File, $"manifest lists content path \"{path}\", but there is no such file.");
            }
            CheckDigests(inventory, existing, digests, log);
        }
    }

    private static bool IsInContentDirectory(string path, Inventory inventory)
    {
        var parts = path.Split('/');
        return parts.Length >= 3 && parts[1] == inventory.ContentDirectory && inventory.FindVersion(parts[0]) is not null;
    }

    // Every algorithm any inventory asks of a file is computed in one read of that file.
    private static Dictionary<string, Dictionary<string, string>> ComputeDigests(
        string objectRoot, HashSet<string> existing, Inventory root, IReadOnlyList<VersionInventory> versionInventories, ValidationLog log)
    {
        var wanted = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Want(Inventory inventory)
        {
            if (inventory.DigestAlgorithm is not null)
            {
                foreach (var path in inventory.DigestOfContentPath.Keys) Add(path, inventory.DigestAlgorithm);
            }
            foreach (var (algorithm, byPath) in inventory.Fixity)
            {
                foreach (var path in byPath.Keys) Add(path, algorithm);
            }
        }
        void Add(string path, string algorithm)
        {
            if (!existing.Contains(path) || !OcflDigestAlgorithms.CanCompute(algorithm)) return;
            if (!wanted.TryGetValue(path, out var set)) wanted[path] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(algorithm);
        }
        Want(root);
        foreach (var versionInventory in versionInventories)
        {
            if (!versionInventory.SameAsRoot) Want(versionInventory.Inventory);
        }

        var computed = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var path in wanted.Keys.Order(StringComparer.Ordinal))
        {
            var fullPath = Path.Combine(objectRoot, path.Replace('/', Path.DirectorySeparatorChar));
            var digests = FileDigester.Compute(fullPath, wanted[path], out var failure);
            if (digests is null) log.Error("E092", path, $"cannot be read to check its digest: {failure}");
            else computed[path] = digests;
        }
        return computed;
    }

    private static void CheckDigests(Inventory inventory, HashSet<string> existing, Dictionary<string, Dictionary<string, string>> computed, ValidationLog log)
    {
        if (inventory.DigestAlgorithm is not null)
        {
            foreach (var (path, digest) in inventory.DigestOfContentPath)
            {
                if (computed.TryGetValue(path, out var digests) && digests.TryGetValue(inventory.DigestAlgorithm, out var actual) &&
                    !OcflDigestAlgorithms.SameDigest(actual, digest))
                {
                    log.Error("E092", inventory.File, $"manifest gives \"{path}\" the {inventory.DigestAlgorithm} digest {digest}, but the file's is {actual}.");
                }
            }
        }
        foreach (var (algorithm, byPath) in inventory.Fixity)
        {
            foreach (var (path, digest) in byPath)
            {
                if (!existing.Contains(path))
                {
                    log.Error("E093", inventory.File, $"fixity block \"{algorithm}\" lists content path \"{path}\", but there is no such file.");
                }
                else if (computed.TryGetValue(path, out var digests) && digests.TryGetValue(algorithm, out var actual) &&
                    !OcflDigestAlgorithms.SameDigest(actual, digest))
                {
                    log.Error("E093", inventory.File, $"fixity block \"{algorithm}\" gives \"{path}\" the digest {digest}, but the file's is {actual}.");
                }
            }
        }
    }
}
