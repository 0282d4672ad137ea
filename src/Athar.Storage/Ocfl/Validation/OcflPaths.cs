namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// The path rules of OCFL 1.1 section 3.5.3.1 (logical paths: E051-E053, E095) and section 3.5.2
/// (content paths: E098-E101). Both kinds are '/'-joined elements; they differ only in their codes.
/// </summary>
internal static class OcflPaths
{
    /// <summary>The codes one kind of path reports: edge slash, bad element, duplicate or conflict.</summary>
    public readonly record struct PathCodes(string EdgeSlash, string BadElement, string NotUnique, string Noun);

    public static readonly PathCodes Logical = new("E053", "E052", "E095", "logical path");
    public static readonly PathCodes Content = new("E100", "E099", "E101", "content path");

    /// <summary>
    /// Checks the syntax of every path of one block and returns those that are malformed. All paths are
    /// first checked for a leading or trailing '/' (the path is not relative at all), then for elements
    /// that are ".", ".." or empty, so the more fundamental problem is reported first.
    /// </summary>
    public static HashSet<string> FindMalformed(IReadOnlyList<string> paths, PathCodes codes, ValidationLog log, string file, string where)
    {
        var malformed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (path.Length > 0 && (path[0] == '/' || path[^1] == '/') && malformed.Add(path))
            {
                log.Error(codes.EdgeSlash, file, $"{where} has {codes.Noun} \"{path}\", which begins or ends with '/'.");
            }
        }
        foreach (var path in paths)
        {
            if (malformed.Contains(path)) continue;
            foreach (var element in path.Split('/'))
            {
                if (element.Length == 0 || element == "." || element == "..")
                {
                    malformed.Add(path);
                    log.Error(codes.BadElement, file, $"{where} has {codes.Noun} \"{path}\", which contains the element \"{element}\".");
                    break;
                }
            }
        }
        return malformed;
    }

    /// <summary>
    /// Reports paths that appear twice, and paths that are a directory prefix of another ("a" and "a/b"),
    /// which could not both exist on a file system (E095, E101).
    /// </summary>
    public static void CheckUniqueAndNonConflicting(IEnumerable<string> paths, PathCodes codes, ValidationLog log, string file, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reported = false;
        foreach (var path in paths)
        {
            if (!seen.Add(path))
            {
                log.Error(codes.NotUnique, file, $"{where} lists {codes.Noun} \"{path}\" more than once.");
                reported = true;
            }
        }
        if (reported) return;
        foreach (var path in seen)
        {
            for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                var parent = path[..slash];
                if (seen.Contains(parent))
                {
                    log.Error(codes.NotUnique, file, $"{where} has {codes.Noun} \"{parent}\" as a file and also as the directory holding \"{path}\".");
                    break;
                }
            }
        }
    }
}
