namespace Athar.Core.Analysis;

/// <summary>
/// The one-paragraph assessment of an item that every surface shows (the web item page and `athar show`): what was checked, what is consistent, what is not. It
/// never says a photo is authentic; it says what the checks found.
/// </summary>
public static class ItemAssessment
{
    /// <param name="analyses">Each analyzer that ran on the item, with its version.</param>
    /// <param name="findings">Each finding's code and severity.</param>
    public static string Describe(IReadOnlyList<(string Analyzer, long Version)> analyses, IReadOnlyList<(string Code, Severity Severity)> findings)
    {
        if (analyses.Count == 0) return "Not analysed yet (run 'athar analyze').";
        var checkedText = string.Join(", ", analyses.Select(a => $"{a.Analyzer} v{a.Version}"));
        var serious = findings.Where(f => f.Severity >= Severity.Warning).ToList();
        var minor = findings.Count - serious.Count;
        if (serious.Count == 0)
            return $"Checked: {checkedText}. Nothing inconsistent was found" + (minor > 0 ? $" ({minor} informational finding{(minor == 1 ? "" : "s")})." : ".") +
                   " This does not prove the photo authentic; it means these checks found no contradiction.";
        var codes = string.Join(", ", serious.Select(f => $"{f.Code} ({f.Severity.ToText()})").Distinct());
        return $"Checked: {checkedText}. Not consistent: {codes}. Each needs an explanation before the photo is relied on.";
    }
}
