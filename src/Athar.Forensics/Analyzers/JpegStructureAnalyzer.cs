using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Imaging.Jpeg.Structure;

namespace Athar.Forensics.Analyzers;

/// <summary>
/// Reports what the JPEG structure parser found wrong with a file: truncation, broken segments, bytes
/// after the end. A damaged file is not proof of manipulation (a failing drive truncates too), so damage
/// is a warning, not an alert. Files that claim to be JPEG by their bytes but do not parse are the
/// strongest case here. See docs/jpeg-structure.md for each code.
/// </summary>
public sealed class JpegStructureAnalyzer : IItemAnalyzer
{
    public string Name => "jpeg-structure";
    public int Version => 1;
    public AnalyzerNeeds Needs => AnalyzerNeeds.JpegStructure;
    public int CostTier => 1;

    public bool AppliesTo(string mediaType) => mediaType == "image/jpeg";

    public IReadOnlyList<Finding> Analyze(ItemContext item)
    {
        var structure = item.Structure;
        var findings = new List<Finding>();
        foreach (var issue in structure.Issues)
        {
            findings.Add(new Finding(issue.Code, SeverityOf(issue.Severity), Explain(issue),
                new JsonObject { ["offset"] = issue.Offset, ["parser"] = issue.Message }));
        }
        return findings;
    }

    // Parser errors mean the file is damaged or not what it says: a warning an analyst must explain.
    private static Severity SeverityOf(JpegIssueSeverity severity) => severity switch
    {
        JpegIssueSeverity.Error => Severity.Warning,
        JpegIssueSeverity.Warning => Severity.Notice,
        _ => Severity.Info,
    };

    private static string Explain(JpegStructureIssue issue) => issue.Code switch
    {
        JpegStructureIssueCodes.Truncated or JpegStructureIssueCodes.NoEoi =>
            $"The file ends before the image data is complete ({issue.Message}). Copies cut short by a failing drive or an interrupted transfer look like this; the original may exist intact elsewhere.",
        JpegStructureIssueCodes.TrailingData =>
            $"There are bytes after the end of the image ({issue.Message}). Many cameras append a second preview image; editors and hiding tools also leave data here.",
        _ => $"The JPEG structure is irregular: {issue.Message}. Camera firmware writes regular files, so this needs an explanation (damage in storage or transfer, or a non-camera writer).",
    };
}
