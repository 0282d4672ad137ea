using System.Security.Cryptography;
using System.Text;

namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// The inventory digest sidecar, "inventory.json.sha512" beside every inventory (OCFL 1.1 section 3.6):
/// it must exist (E058), be named for the inventory's own algorithm (E059), read "DIGEST inventory.json"
/// (E061) and hold the inventory's digest (E060).
/// </summary>
internal static class InventorySidecar
{
    /// <summary>
    /// Checks the sidecar of the inventory at <paramref name="inventoryFile"/> (relative) whose bytes are
    /// <paramref name="inventoryBytes"/>; <paramref name="entries"/> lists the folder that holds both.
    /// </summary>
    public static void Check(IReadOnlyList<DirectoryEntry> entries, string inventoryFile, byte[] inventoryBytes, string? algorithm, ValidationLog log)
    {
        var sidecars = entries.Where(e => e.Name.StartsWith(InventoryReader.InventoryFile + ".", StringComparison.Ordinal)).ToList();
        if (algorithm is null)
        {
            // The inventory named no usable algorithm (already E025/E036); a sidecar named for a content
            // algorithm can still be checked.
            var usable = sidecars.Find(e => OcflDigestAlgorithms.IsContentAlgorithm(AlgorithmOf(e.Name)));
            if (usable.Name is null) return;
            algorithm = AlgorithmOf(usable.Name);
        }
        var expectedName = InventoryReader.InventoryFile + "." + algorithm;
        var sidecarFile = Sibling(inventoryFile, expectedName);
        var sidecar = sidecars.Find(e => e.Name == expectedName);
        if (sidecar.Name is null)
        {
            if (sidecars.Count > 0)
            {
                log.Error("E059", Sibling(inventoryFile, sidecars[0].Name), $"is named for a different digest algorithm than the inventory's {algorithm}; expected {expectedName}.");
            }
            else
            {
                log.Error("E058", sidecarFile, "is missing; every inventory needs a digest sidecar.");
            }
            return;
        }
        string? failure = "it is not a regular file";
        var bytes = sidecar.Kind == EntryKind.File ? SafeDirectory.ReadAll(sidecar.FullPath, SafeDirectory.MaxSmallFileBytes, out failure) : null;
        if (bytes is null)
        {
            log.Error("E058", sidecarFile, $"cannot be read: {failure}.");
            return;
        }
        var text = Encoding.UTF8.GetString(bytes);
        var digest = ParseLine(text);
        if (digest is null)
        {
            log.Error("E061", sidecarFile, "must hold one line \"DIGEST inventory.json\" (the digest, whitespace, the file name).");
            return;
        }
        var actual = Convert.ToHexStringLower(algorithm == OcflDigestAlgorithms.Sha256 ? SHA256.HashData(inventoryBytes) : SHA512.HashData(inventoryBytes));
        if (!OcflDigestAlgorithms.SameDigest(digest, actual))
        {
            log.Error("E060", sidecarFile, $"says the inventory's {algorithm} is {digest}, but {Path.GetFileName(inventoryFile)} has {actual}.");
        }
    }

    internal static string AlgorithmOf(string sidecarName) => sidecarName[(InventoryReader.InventoryFile.Length + 1)..];

    // Section 3.6: "DIGEST inventory.json", a digest, whitespace, then the file name; one optional newline.
    private static string? ParseLine(string text)
    {
        if (text.EndsWith('\n')) text = text[..^1];
        if (text.Contains('\n', StringComparison.Ordinal)) return null;
        var parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || parts[1] != InventoryReader.InventoryFile) return null;
        foreach (var c in parts[0])
        {
            if (!char.IsAsciiHexDigit(c)) return null;
        }
        return parts[0];
    }

    private static string Sibling(string file, string name)
    {
        var slash = file.LastIndexOf('/');
        return slash < 0 ? name : file[..(slash + 1)] + name;
    }
}
