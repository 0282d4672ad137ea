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
    /// Checks one path's syntax and reports at most one error for it: a leading or trailing '/' first,
    /// then an element that is ".", ".." or empty. Returns true when the path is well formed.
    /// </summary>
    public static bool CheckSyntax(string path, PathCodes codes, ValidationLog log, string file, string where)
    {
        if (path.Length == 0)
        {
            log.Error(codes.BadElement, file, $"{where} has an empty {codes.Noun}.");
            return false;
        }
        if (path[0] == '/' || path[^1] == '/')
        {
            log.Error(codes.EdgeSlash, file, $"{where} has {codes.Noun} \"{path}\", which begins or ends with '/'.");
            return false;
        }
        foreach (var element in path.Split('/'))
        {
            if (element.Length == 0 || element == "." || element == "..")
            {
                log.Error(codes.BadElement, file, $"{where} has {codes.Noun} \"{path}\", which contains the element \"{element}\".");
                return false;
            }
        }
        return true;
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
