using System.Text;

namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// NAMASTE conformance declarations: the "0=ocfl_object_1.1" file of an object (OCFL 1.1 section 3.2,
/// E002-E007) and the "0=ocfl_1.1" file of a storage root (section 4.2, E069, E075-E080). The file's
/// name is T=dvalue with T = 0, and its content is dvalue and a newline.
/// </summary>
internal static class Namaste
{
    public const string ObjectPrefix = "ocfl_object_";
    public const string StorageRootPrefix = "ocfl_";

    private static readonly string[] KnownVersions = ["1.0", "1.1"];

    /// <summary>The codes one kind of declaration reports.</summary>
    internal sealed record Codes(string Prefix, string Missing, string NotExactlyOne, string BadTag, string BadValue, string BadContent, string Noun);

    public static readonly Codes ObjectCodes = new(ObjectPrefix, "E003", "E003", "E005", "E006", "E007", "object");
    public static readonly Codes StorageRootCodes = new(StorageRootPrefix, "E069", "E076", "E078", "E079", "E080", "storage root");

    /// <summary>True when <paramref name="name"/> is any NAMASTE file name (digits, '=', something).</summary>
    public static bool IsNamasteName(string name)
    {
        var equals = name.IndexOf('=', StringComparison.Ordinal);
        if (equals < 1) return false;
        for (var i = 0; i < equals; i++)
        {
            if (!char.IsAsciiDigit(name[i])) return false;
        }
        return true;
    }

    /// <summary>
    /// True for a file that is meant as an OCFL declaration, well formed or not: a NAMASTE name that is
    /// tagged 0 or mentions ocfl ("1=ocfl_object_1.1" is a malformed declaration, E005/E078).
    /// </summary>
    public static bool IsDeclarationCandidate(string name) =>
        IsNamasteName(name) && (name.StartsWith("0=", StringComparison.Ordinal) || name.Contains("ocfl", StringComparison.Ordinal));

    /// <summary>The spec version an object declaration names ("1.1"), or null when the name is not one.</summary>
    public static string? ObjectVersionOf(string name) => VersionOf(name, ObjectPrefix);

    /// <summary>The spec version a storage root declaration names, or null when the name is not one.</summary>
    public static string? StorageRootVersionOf(string name) =>
        name.StartsWith("0=" + ObjectPrefix, StringComparison.Ordinal) ? null : VersionOf(name, StorageRootPrefix);

    /// <summary>
    /// Checks the declaration among <paramref name="entries"/> and returns the version it declares, or
    /// null when there is no usable declaration (the caller then assumes the newest version).
    /// </summary>
    public static string? Check(IReadOnlyList<DirectoryEntry> entries, Codes codes, ValidationLog log)
    {
        var candidates = entries.Where(e => IsDeclarationCandidate(e.Name)).ToList();
        if (candidates.Count == 0)
        {
            log.Error(codes.Missing, "", $"has no conformance declaration file (0={codes.Prefix}1.1) for an OCFL {codes.Noun}.");
            return null;
        }
        if (candidates.Count > 1)
        {
            log.Error(codes.NotExactlyOne, "", $"has {candidates.Count} conformance declaration files ({string.Join(", ", candidates.Select(c => c.Name))}); there must be exactly one.");
        }
        var declaration = candidates[0];
        var name = declaration.Name;
        var equals = name.IndexOf('=', StringComparison.Ordinal);
        if (name[..equals] != "0")
        {
            log.Error(codes.BadTag, name, "is not a valid conformance declaration: the part before '=' must be 0.");
            return null;
        }
        var value = name[(equals + 1)..];
        var version = VersionOf(name, codes.Prefix);
        if (version is null)
        {
            log.Error(codes.BadValue, name, $"is not a valid conformance declaration: after \"0=\" must come \"{codes.Prefix}\" and a known OCFL version (1.0 or 1.1).");
            return null;
        }
        if (declaration.Kind != EntryKind.File)
        {
            log.Error(codes.BadContent, name, "must be a regular file.");
            return version;
        }
        var bytes = SafeDirectory.ReadAll(declaration.FullPath, SafeDirectory.MaxSmallFileBytes, out var failure);
        if (bytes is null)
        {
            log.Error(codes.BadContent, name, $"cannot be read: {failure}");
        }
        else if (!bytes.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(value + "\n")))
        {
            log.Error(codes.BadContent, name, $"must contain exactly \"{value}\" and a newline.");
        }
        return version;
    }

    private static string? VersionOf(string name, string prefix)
    {
        var start = "0=" + prefix;
        if (!name.StartsWith(start, StringComparison.Ordinal)) return null;
        var version = name[start.Length..];
        return Array.IndexOf(KnownVersions, version) >= 0 ? version : null;
    }

    /// <summary>Orders "1.0" before "1.1"; unknown versions sort last.</summary>
    public static int CompareVersions(string a, string b) =>
        Array.IndexOf(KnownVersions, a).CompareTo(Array.IndexOf(KnownVersions, b));
}
