namespace Athar.Eval;

/// <summary>
/// The camera-originals files that really carry an editor's trace, one "name&lt;TAB&gt;reason" a line (# comments).
/// A finding on such a file is a true positive, so the evaluation reports them apart from the false-positive rate.
/// </summary>
public static class KnownEdited
{
    public static Dictionary<string, string> Read(string path)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0) throw new EvalUsageException($"{path}: '{line}' is not NAME<TAB>REASON");
            known[line[..tab]] = line[(tab + 1)..];
        }
        return known;
    }
}
