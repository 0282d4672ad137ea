using System.Globalization;
using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analyzers;

namespace Athar.Forensics.Cameras;

/// <summary>
/// What the camera analyzers use of one item's recorded facts: its camera, its capture time with
/// sub-seconds, its DCF number and shutter count, and its compression signature.
/// </summary>
public sealed record TimelineItem(
    string ItemId,
    CameraIdentity Camera,
    DateTime? Time,
    string? SubSecond,
    long? ShutterCount,
    DcfNumber? Number,
    string? Signature,
    string? Subsampling,
    IReadOnlyList<string> Paths)
{
    /// <summary>Every code under which compression-signature records the signature (one per item).</summary>
    public static IReadOnlyList<string> SignatureCodes { get; } =
    [
        CompressionSignatureAnalyzer.CameraMatch, CompressionSignatureAnalyzer.Ijg, CompressionSignatureAnalyzer.CameraMismatch,
        CompressionSignatureAnalyzer.OtherMaker, CompressionSignatureAnalyzer.Camera, CompressionSignatureAnalyzer.Software,
        CompressionSignatureAnalyzer.Library, CompressionSignatureAnalyzer.Unknown,
    ];

    /// <summary>The fact codes to ask the store for: the metadata summary and the signature findings.</summary>
    public static IReadOnlyCollection<string> FactCodes { get; } = [MetadataAnalyzer.Summary, .. SignatureCodes];

    /// <summary>The signature fact of an item, whichever code compression-signature gave it.</summary>
    public static JsonObject? SignatureFact(ArchiveItemFacts item)
    {
        foreach (var code in SignatureCodes)
            if (item.Fact(code) is { } data) return data;
        return null;
    }

    /// <summary>Null when the item names no camera (no metadata, or neither make nor model).</summary>
    public static TimelineItem? From(ArchiveItemFacts item)
    {
        var summary = item.Fact(MetadataAnalyzer.Summary);
        if (summary is null) return null;
        var signatureFact = SignatureFact(item);
        var signature = Text(signatureFact?["signature"]);
        var camera = CameraIdentity.From(Text(summary["make"]), Text(summary["model"]), Text(summary["bodySerial"]), signature);
        if (camera is null) return null;
        DateTime? time = null;
        string? subSecond = null;
        if (summary["dateTimeOriginal"] is JsonObject original && Text(original["value"]) is { } value
            && DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            time = parsed;
            subSecond = Text(original["subSecond"])?.Trim('\0', ' ');
            if (subSecond is { Length: 0 }) subSecond = null;
        }
        long? shutter = summary["shutterCount"] is JsonValue count && count.TryGetValue<long>(out var c) ? c : null;
        return new TimelineItem(item.ItemId, camera, time, subSecond, shutter, DcfNumber.First(item.Paths),
            signature, Text(signatureFact?["subsampling"]), item.Paths);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The capture time to the second, as written (sub-seconds dropped).</summary>
    public DateTime? WholeSecond => Time is { } t ? new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified) : null;
}
