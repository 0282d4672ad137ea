namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// Collects issues in the order they are found. A storage root validates each object through a child log
/// whose prefix (the object's path under the root) is put in front of every file name.
/// </summary>
internal sealed class ValidationLog
{
    // A hostile object can produce an error per manifest entry; past this many the rest add nothing a
    // reader can act on, and the list would only eat memory.
    internal const int MaxIssuesPerList = 10_000;

    private readonly List<OcflValidationIssue> _errors;
    private readonly List<OcflValidationIssue> _warnings;
    private readonly string _prefix;
    private readonly HashSet<string>? _captureWarnings;
    private readonly HashSet<string>? _suppressWarnings;

    public ValidationLog()
        : this([], [], string.Empty, null, null)
    {
    }

    private ValidationLog(List<OcflValidationIssue> errors, List<OcflValidationIssue> warnings, string prefix, HashSet<string>? capture, HashSet<string>? suppress)
    {
        _errors = errors;
        _warnings = warnings;
        _prefix = prefix;
        _captureWarnings = capture;
        _suppressWarnings = suppress;
    }

    public int ErrorCount => _errors.Count;

    /// <summary>A log that writes into this one, naming files relative to <paramref name="relativeFolder"/>.</summary>
    public ValidationLog ForFolder(string relativeFolder) =>
        new(_errors, _warnings, _prefix + relativeFolder.TrimEnd('/') + "/", null, null);

    /// <summary>A log that also notes each warning's code and text (not its file) in <paramref name="keys"/>.</summary>
    public ValidationLog CapturingWarnings(HashSet<string> keys) => new(_errors, _warnings, _prefix, keys, null);

    /// <summary>
    /// A log that drops warnings whose code and text are in <paramref name="keys"/>. The inventory of the
    /// latest version is a copy of the root inventory, so its warnings would only repeat the root's.
    /// </summary>
    public ValidationLog SuppressingWarnings(HashSet<string> keys) => new(_errors, _warnings, _prefix, null, keys);

    /// <summary>Records a spec error. <paramref name="file"/> is relative to the object (or storage) root.</summary>
    public void Error(string code, string file, string text) => Add(_errors, code, file, text);

    /// <summary>Records a spec warning (a SHOULD that does not hold).</summary>
    public void Warning(string code, string file, string text)
    {
        var key = code + " " + text;
        if (_suppressWarnings is not null && _suppressWarnings.Contains(key)) return;
        _captureWarnings?.Add(key);
        Add(_warnings, code, file, text);
    }

    public bool HasErrorSince(int errorCount) => _errors.Count > errorCount;

    public OcflValidationResult ToResult() => new(_errors.ToArray(), _warnings.ToArray());

    private void Add(List<OcflValidationIssue> list, string code, string file, string text)
    {
        if (list.Count >= MaxIssuesPerList) return;
        var location = file.Length == 0 ? _prefix.TrimEnd('/') : _prefix + file;
        if (location.Length == 0) location = ".";
        var message = location + ": " + text;
        if (list.Count == MaxIssuesPerList - 1) message = location + ": too many issues; the rest are not listed.";
        list.Add(new OcflValidationIssue(code, message));
    }
}
