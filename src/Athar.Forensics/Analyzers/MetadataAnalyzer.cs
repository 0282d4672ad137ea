using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Metadata;
using Athar.Imaging.Jpeg.Structure;

namespace Athar.Forensics.Analyzers;

/// <summary>
/// Records what the file's metadata says (<c>exif.summary</c>: make, model, serial, times, GPS, software and
/// a digest of the full MetadataExtractor dump), and whether a JPEG has lost its EXIF. A camera writes EXIF;
/// a JPEG with nothing but a bare JFIF header has usually been stripped by a messaging app, a web upload or
/// a deliberate re-save. See docs/analyzers.md, "metadata".
/// </summary>
public sealed class MetadataAnalyzer : IItemAnalyzer
{
    public const string Summary = "exif.summary";
    public const string Missing = "exif.missing";
    public const string Stripped = "exif.stripped";
    public const string Unreadable = "exif.unreadable";

    public string Name => "metadata";
    public int Version => 1;
    public AnalyzerNeeds Needs => AnalyzerNeeds.Bytes | AnalyzerNeeds.JpegStructure;
    public int CostTier => 1;

    public bool AppliesTo(string mediaType) => mediaType.StartsWith("image/", StringComparison.Ordinal);

    public IReadOnlyList<Finding> Analyze(ItemContext item)
    {
        var metadata = MetadataCache.For(item);
        var findings = new List<Finding>();
        if (metadata.Error is { } error)
        {
            findings.Add(new Finding(Unreadable, Severity.Notice,
                $"The metadata could not be read ({error}). The file may be damaged or not the format its name says.",
                new JsonObject { ["error"] = error }));
            return findings;
        }

        var data = metadata.Normalized.ToJson();
        data["tagCount"] = metadata.Tags.Count;
        data["dumpDigest"] = metadata.DumpDigest;
        if (metadata.DirectoryErrors.Count > 0) data["metadataErrors"] = new JsonArray([.. metadata.DirectoryErrors.Select(e => (JsonNode)e)]);
        findings.Add(new Finding(Summary, Severity.Info, "What the file's metadata says about the camera, the times and the place.", data));

        if (item.IsJpeg && !metadata.Normalized.HasExif) findings.Add(NoExif(item.Structure, metadata.Normalized));
        return findings;
    }

    // Stripped: nothing but (at most) a JFIF APP0 before the image data. Anything a camera or editor adds
    // (XMP, ICC, Photoshop, MPF, maker APPn, comments) makes it a plain "missing" instead.
    private static Finding NoExif(JpegStructure structure, NormalizedMetadata metadata)
    {
        var traces = new JsonArray();
        if (metadata.HasXmp || structure.Xmp.Count > 0) traces.Add("xmp");
        if (structure.IccChunks.Count > 0) traces.Add("icc");
        if (structure.Photoshop.Count > 0) traces.Add("photoshop");
        if (structure.Adobe is not null) traces.Add("adobe");
        if (structure.Mpf.Count > 0) traces.Add("mpf");
        if (structure.UnknownApps.Count > 0) traces.Add("appn");
        if (structure.Comments.Count > 0) traces.Add("comment");
        if (structure.Jfif is { ThumbnailWidth: > 0 }) traces.Add("jfif-thumbnail");
        var data = new JsonObject { ["jfif"] = structure.Jfif is not null, ["otherMetadata"] = traces };
        if (traces.Count == 0)
            return new Finding(Stripped, Severity.Warning,
                "The JPEG has no EXIF and no other camera metadata, only a bare JFIF header. Camera originals carry EXIF; this file was most likely re-encoded or stripped (messaging apps, web uploads and social networks do this routinely, and so does anyone hiding a file's origin). Look for an earlier copy with its metadata.",
                data);
        return new Finding(Missing, Severity.Notice,
            "The JPEG has no EXIF block, though it has other metadata. Very old cameras (before about 1998) wrote none; otherwise software removed it.",
            data);
    }
}
