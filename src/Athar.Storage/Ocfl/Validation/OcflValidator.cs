namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// Validates an OCFL 1.1 object or storage root (https://ocfl.io/1.1/spec/) and reports the spec's
/// validation codes. Which of the two a folder is comes from its conformance declaration:
/// "0=ocfl_object_1.x" for an object, "0=ocfl_1.x" for a storage root. Problems are returned as issues,
/// never thrown; symbolic links are reported and never followed; content files are digested as they stream.
/// </summary>
public static class OcflValidator
{
    /// <summary>Validates the object or storage root at <paramref name="path"/>.</summary>
    public static OcflValidationResult Validate(string path)
    {
        var log = new ValidationLog();
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal) || !Directory.Exists(path))
        {
            // E003: without a directory there is no conformance declaration to find.
            log.Error("E003", "", $"{path} {(File.Exists(path) ? "is a file, not" : "does not exist; expected")} an OCFL object or storage root directory.");
            return log.ToResult();
        }
        var root = Path.GetFullPath(path);
        if (IsStorageRoot(root)) StorageRootValidator.Validate(root, log);
        else ObjectValidator.Validate(root, log);
        return log.ToResult();
    }

    /// <summary>
    /// True when the folder declares a storage root ("0=ocfl_1.x") and no object. A folder with neither
    /// is validated as an object, which reports the missing declaration (E003).
    /// </summary>
    internal static bool IsStorageRoot(string path)
    {
        var entries = SafeDirectory.List(path, out _);
        if (entries is null) return false;
        var hasObjectDeclaration = entries.Any(e => Namaste.ObjectVersionOf(e.Name) is not null || e.Name.StartsWith("0=" + Namaste.ObjectPrefix, StringComparison.Ordinal));
        var hasRootDeclaration = entries.Any(e => e.Name.StartsWith("0=" + Namaste.StorageRootPrefix, StringComparison.Ordinal) && !e.Name.StartsWith("0=" + Namaste.ObjectPrefix, StringComparison.Ordinal));
        return hasRootDeclaration && !hasObjectDeclaration;
    }
}
