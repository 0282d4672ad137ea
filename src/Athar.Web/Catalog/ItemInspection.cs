using System.Text.Json.Nodes;
using Athar.Forensics.Metadata;
using Athar.Imaging.Jpeg.Structure;
using Microsoft.Extensions.Options;

namespace Athar.Web.Catalog;

/// <summary>What the item page shows of the original's own bytes: the full metadata dump and the JPEG structure.</summary>
public sealed record ItemInspection(IReadOnlyList<MetadataTag> Tags, IReadOnlyList<string> MetadataErrors, string? MetadataError, JpegStructure? Structure);

/// <summary>
/// Reads an original (read-only) for the item page. The catalog stores the normalized metadata (finding
/// <c>exif.summary</c>) but not the full dump, so the dump is extracted again here with the same
/// MetadataExtractor code the analyzer used; the JPEG structure comes from Athar.Imaging's parser. Both only
/// read the bytes. Originals larger than <see cref="MaxBytes"/> are not inspected on a page view.
/// </summary>
public sealed class ItemInspector(IOptions<AtharWebOptions> options)
{
    public const long MaxBytes = 64L << 20;

    public ItemInspection? Inspect(WebItem item)
    {
        if (!item.MediaType.StartsWith("image/", StringComparison.Ordinal) || item.Size > MaxBytes) return null;
        var bytes = File.ReadAllBytes(OriginalFiles.PathOf(options.Value.Archive, item));
        var metadata = MetadataExtraction.Read(bytes);
        var structure = item.MediaType == "image/jpeg" ? JpegStructureParser.Parse(bytes) : null;
        return new ItemInspection(metadata.Tags, metadata.DirectoryErrors, metadata.Error, structure);
    }

    /// <summary>
    /// The normalized fields of an <c>exif.summary</c> finding's data as label and text, in a fixed order
    /// (camera, times, place, software, sizes), leaving out the bookkeeping fields.
    /// </summary>
    public static IReadOnlyList<(string Label, string Value)> Normalized(string summaryData)
    {
        if (JsonNode.Parse(summaryData) is not JsonObject data) return [];
        var rows = new List<(string, string)>();
        void Add(string label, JsonNode? node)
        {
            if (node is null) return;
            var text = node switch
            {
                JsonObject time when time["raw"] is not null => (string?)time["raw"] + (time["offset"] is { } o ? " " + (string?)o : "") + (time["malformed"] is not null ? " (malformed)" : ""),
                JsonValue v => v.ToString(),
                _ => node.ToJsonString(),
            };
            rows.Add((label, text));
        }
        Add("Make", data["make"]);
        Add("Model", data["model"]);
        Add("Body serial", data["bodySerial"]);
        Add("Lens", data["lens"]);
        Add("Date/time original", data["dateTimeOriginal"]);
        Add("Date/time digitized", data["dateTimeDigitized"]);
        Add("Date/time (last changed)", data["dateTime"]);
        if (data["gps"] is JsonObject gps)
        {
            if (gps["latitude"] is not null && gps["longitude"] is not null) rows.Add(("GPS position", $"{gps["latitude"]}, {gps["longitude"]}"));
            Add("GPS altitude (m)", gps["altitude"]);
            Add("GPS time (UTC)", gps["utc"]);
        }
        Add("Software", data["software"]);
        Add("Creator tool (XMP)", data["creatorTool"]);
        Add("Orientation", data["orientation"]);
        if (data["exifWidth"] is not null) rows.Add(("EXIF size", $"{data["exifWidth"]} x {data["exifHeight"]}"));
        if (data["frameWidth"] is not null) rows.Add(("Frame size", $"{data["frameWidth"]} x {data["frameHeight"]}"));
        Add("Shutter count", data["shutterCount"]);
        Add("Has EXIF", data["hasExif"]);
        Add("Has XMP", data["hasXmp"]);
        if (data["xmpHistory"] is JsonArray history) rows.Add(("XMP history", string.Join("; ", history.Select(h => $"{h?["action"]} {h?["softwareAgent"]} {h?["when"]}".Trim()))));
        Add("Tags in the dump", data["tagCount"]);
        Add("Dump digest (SHA-256)", data["dumpDigest"]);
        return rows;
    }
}
