using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Athar.Web.Cases;

/// <summary>One entry of the thesaurus of observed signs: a stable code (recorded in the ledger) and the words shown.</summary>
public sealed record CaseSign(string Code, string Label);

/// <summary>
/// The thesaurus analysts annotate cases from. The default follows the categories of the published documentation of
/// the Caesar photographs (Human Rights Watch, "If the Dead Could Speak", 2015): signs of beating, emaciation or
/// starvation, strangulation or ligature marks, burns, eye injuries, gunshot wounds, and other. An archive replaces it
/// with <c>case-signs.json</c> in the archive folder (or the file named by <c>Athar:CaseSignsFile</c>): a JSON array of
/// <c>{"code": "...", "label": "..."}</c>. Codes are lower-case words joined by hyphens and must never be reused
/// for another meaning, because annotations in the ledger keep them; labels may be reworded. A file that cannot be
/// read stops the app at start, rather than silently offering another list.
/// </summary>
public sealed partial class CaseSigns
{
    public const string FileName = "case-signs.json";

    public static IReadOnlyList<CaseSign> Defaults { get; } =
    [
        new("beating", "Signs of beating"),
        new("emaciation", "Emaciation or starvation"),
        new("strangulation", "Strangulation or ligature marks"),
        new("burns", "Burns"),
        new("eye-injury", "Eye injuries"),
        new("gunshot", "Gunshot wounds"),
        new("other", "Other"),
    ];

    public CaseSigns(IOptions<AtharWebOptions> options)
    {
        var path = options.Value.CaseSignsFile is { Length: > 0 } file ? file : Path.Combine(options.Value.Archive, FileName);
        All = File.Exists(path) ? Load(path) : Defaults;
        Source = File.Exists(path) ? path : null;
    }

    public IReadOnlyList<CaseSign> All { get; }

    /// <summary>The file the list came from, or null for the built-in default.</summary>
    public string? Source { get; }

    public CaseSign? Find(string? code) => All.FirstOrDefault(s => s.Code == code);

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();

    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<CaseSign> Load(string path)
    {
        List<CaseSign>? signs;
        try
        {
            signs = JsonSerializer.Deserialize<List<CaseSign>>(File.ReadAllText(path), s_json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path}: not a JSON array of {{code, label}}: {e.Message}", e);
        }
        if (signs is null || signs.Count == 0) throw new InvalidOperationException($"{path}: the thesaurus is empty");
        foreach (var sign in signs)
        {
            if (sign.Code is null || !CodePattern().IsMatch(sign.Code)) throw new InvalidOperationException($"{path}: '{sign.Code}' is not a code (lower-case words joined by hyphens)");
            if (string.IsNullOrWhiteSpace(sign.Label)) throw new InvalidOperationException($"{path}: code '{sign.Code}' has no label");
        }
        if (signs.Select(s => s.Code).Distinct(StringComparer.Ordinal).Count() != signs.Count) throw new InvalidOperationException($"{path}: a code appears twice");
        return signs;
    }
}
