using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Metadata;

namespace Athar.Forensics.Analyzers;

/// <summary>
/// Looks for the marks editing software leaves in a file's metadata: an editor named in EXIF Software or
/// XMP CreatorTool, an XMP history of saves, a Photoshop image-resource block (APP13), an Adobe APP14
/// segment in a file whose EXIF names a camera. Firmware version strings never match (see
/// <see cref="EditorFingerprints"/>). Metadata can be forged in both directions: a clean result proves
/// nothing, and a trace says the file passed through the program, not what was done to it.
/// </summary>
public sealed class EditingTraceAnalyzer : IItemAnalyzer
{
    public const string Software = "edit.software";
    public const string VendorSoftware = "edit.vendor-software";
    public const string XmpHistory = "edit.xmp-history";
    public const string PhotoshopIrb = "edit.photoshop-irb";
    public const string AdobeApp14 = "edit.adobe-app14";

    private static readonly HashSet<string> SaveActions = new(StringComparer.OrdinalIgnoreCase) { "saved", "converted", "derived", "edited", "produced" };

    public string Name => "editing-trace";
    public int Version => 1;
    public AnalyzerNeeds Needs => AnalyzerNeeds.Bytes | AnalyzerNeeds.JpegStructure;
    public int CostTier => 1;

    public bool AppliesTo(string mediaType) => mediaType == "image/jpeg";

    public IReadOnlyList<Finding> Analyze(ItemContext item)
    {
        var metadata = MetadataCache.For(item).Normalized;
        var structure = item.Structure;
        var findings = new List<Finding>();
        var editorSeen = false;

        foreach (var (field, value) in new[] { ("software", metadata.Software), ("creatorTool", metadata.CreatorTool) })
        {
            if (EditorFingerprints.Match(value) is not { } fingerprint) continue;
            var data = new JsonObject { ["field"] = field, ["value"] = value, ["product"] = fingerprint.Product };
            if (ModifiedAfterSeconds(metadata) is { } later) data["modifiedAfterOriginalSeconds"] = later;
            if (fingerprint.Kind == WriterKind.Editor)
            {
                editorSeen = true;
                findings.Add(new Finding(Software, Severity.Alert,
                    $"The file's {(field == "software" ? "EXIF Software" : "XMP CreatorTool")} names an image editor ({fingerprint.Product}: \"{value}\"). The file was written by that program, not straight by a camera; what was changed is not recorded. Seek the camera original.",
                    data));
            }
            else
            {
                findings.Add(new Finding(VendorSoftware, Severity.Notice,
                    $"The file was rewritten by photo transfer or viewing software from the camera maker or the computer's maker ({fingerprint.Product}: \"{value}\"), which copies, rotates or converts photos. Not an editor of content, but the file is not exactly as the camera wrote it.",
                    data));
            }
        }

        var saves = metadata.History.Where(h => h.Action is { } a && SaveActions.Contains(a)).ToList();
        if (saves.Count > 0)
        {
            findings.Add(new Finding(XmpHistory, Severity.Alert,
                $"The XMP edit history records {saves.Count} save or conversion event(s){Agents(saves)}. Only software writes this history.",
                new JsonObject { ["events"] = new JsonArray([.. saves.Select(s => (JsonNode)s.ToJson())]) }));
            editorSeen = true;
        }

        if (structure.Photoshop.Count > 0 && !editorSeen)
        {
            var ids = structure.Photoshop.SelectMany(p => p.ResourceIds).Distinct().Select(id => (JsonNode)$"0x{id:X4}");
            findings.Add(new Finding(PhotoshopIrb, Severity.Warning,
                "The file has a Photoshop image-resource block (APP13). Adobe software writes it when saving; so do some captioning (IPTC) tools used by news agencies. Camera firmware does not.",
                new JsonObject { ["resources"] = new JsonArray([.. ids]) }));
        }

        if (structure.Adobe is { } adobe && metadata.Make is { } make && !editorSeen && structure.Photoshop.Count == 0)
        {
            findings.Add(new Finding(AdobeApp14, Severity.Warning,
                $"The file has an Adobe APP14 segment, which Adobe's JPEG encoder writes, while its EXIF names a camera maker ({make}). Cameras do not write APP14.",
                new JsonObject { ["make"] = make, ["transform"] = adobe.Transform }));
        }
        return findings;
    }

    private static string Agents(List<XmpHistoryEvent> saves)
    {
        var agents = saves.Select(s => s.SoftwareAgent).OfType<string>().Distinct().ToList();
        return agents.Count == 0 ? "" : $" by {string.Join(", ", agents)}";
    }

    /// <summary>DateTime minus DateTimeOriginal in whole seconds, when both parse.</summary>
    internal static long? ModifiedAfterSeconds(NormalizedMetadata metadata)
        => metadata.DateTime?.Local is { } modified && metadata.DateTimeOriginal?.Local is { } original
            ? (long)Math.Round((modified - original).TotalSeconds)
            : null;
}
