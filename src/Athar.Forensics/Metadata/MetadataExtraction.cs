using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Athar.Core.Custody;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Xmp;
using MeDirectory = MetadataExtractor.Directory;

namespace Athar.Forensics.Metadata;

/// <summary>
/// What MetadataExtractor read from one item: every tag (the dump), XMP properties, the directories' own
/// errors, and the <see cref="NormalizedMetadata"/> the analyzers compare. A file MetadataExtractor cannot
/// read at all gives an extraction with <see cref="Error"/> set and nothing else; it never throws.
/// </summary>
public sealed class MetadataExtraction
{
    private string? _dumpDigest;

    private MetadataExtraction(NormalizedMetadata normalized, IReadOnlyList<MetadataTag> tags, IReadOnlyList<XmpProperty> xmp,
        IReadOnlyList<string> directoryErrors, string? error)
    {
        Normalized = normalized;
        Tags = tags;
        Xmp = xmp;
        DirectoryErrors = directoryErrors;
        Error = error;
    }

    public NormalizedMetadata Normalized { get; }
    public IReadOnlyList<MetadataTag> Tags { get; }
    public IReadOnlyList<XmpProperty> Xmp { get; }

    /// <summary>"[ERROR: Directory] message" lines, as MetadataExtractor's dump prints them.</summary>
    public IReadOnlyList<string> DirectoryErrors { get; }

    /// <summary>Why nothing could be read (MetadataExtractor refused the file), or null.</summary>
    public string? Error { get; }

    /// <summary>SHA-256 (lower hex) of the dump's RFC 8785 canonical JSON: an array of tag objects in reading order.</summary>
    public string DumpDigest => _dumpDigest ??= Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(DumpJson())));

    public JsonArray DumpJson() => new([.. Tags.Select(t => (JsonNode)t.ToJson())]);

    /// <summary>Reads <paramref name="bytes"/> with MetadataExtractor. Never throws for bad input.</summary>
    public static MetadataExtraction Read(ReadOnlyMemory<byte> bytes)
    {
        IReadOnlyList<MeDirectory> directories;
        try
        {
            // Read the item's own array when it has one: no copy of a 20 MB photo per extraction.
            using var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is { } array
                ? new MemoryStream(array, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(bytes.ToArray(), writable: false);
            directories = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or ArgumentException or InvalidOperationException
                                      or IndexOutOfRangeException or OverflowException or NotSupportedException or FormatException)
        {
            return new MetadataExtraction(new NormalizedMetadata(), [], [], [], $"{e.GetType().Name}: {e.Message}");
        }

        var tags = new List<MetadataTag>();
        var errors = new List<string>();
        var xmp = new List<XmpProperty>();
        foreach (var directory in directories)
        {
            foreach (var tag in directory.Tags) tags.Add(new MetadataTag(directory.Name, tag.Type, tag.Name, Describe(directory, tag.Type)));
            foreach (var error in directory.Errors) errors.Add($"[ERROR: {directory.Name}] {error}");
            if (directory is XmpDirectory { XmpMeta: { } meta })
            {
                try
                {
                    foreach (var property in meta.Properties)
                        if (property.Path is not null && property.Value is not null && property.Options is not { IsCompositeProperty: true }) xmp.Add(new XmpProperty(property.Namespace ?? "", property.Path, property.Value));
                }
                catch (Exception e) when (e is XmpCore.XmpException or InvalidOperationException)
                {
                    errors.Add($"[ERROR: XMP] {e.Message}");
                }
            }
        }
        return new MetadataExtraction(Normalize(directories, xmp), tags, xmp, errors, null);
    }

    // A descriptor can fail on hostile values; the dump keeps the tag with an empty description then.
    private static string Describe(MeDirectory directory, int tagType)
    {
        try
        {
            return directory.GetDescription(tagType) ?? "";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return "";
        }
    }

    private static NormalizedMetadata Normalize(IReadOnlyList<MeDirectory> directories, List<XmpProperty> xmp)
    {
        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        var sub = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        var jpeg = directories.OfType<JpegDirectory>().FirstOrDefault();
        var makerNotes = directories.Where(d => d.Name.EndsWith("Makernote", StringComparison.Ordinal)).ToList();

        return new NormalizedMetadata
        {
            Make = Text(ifd0, ExifDirectoryBase.TagMake),
            Model = Text(ifd0, ExifDirectoryBase.TagModel),
            Software = Text(ifd0, ExifDirectoryBase.TagSoftware),
            BodySerial = Text(sub, ExifDirectoryBase.TagBodySerialNumber) ?? MakerNoteText(makerNotes, "Serial Number", "Camera Serial Number"),
            Lens = Text(sub, ExifDirectoryBase.TagLensModel) ?? MakerNoteText(makerNotes, "Lens Model", "Lens"),
            DateTime = ExifTime.Parse(Text(ifd0, ExifDirectoryBase.TagDateTime), Text(sub, ExifDirectoryBase.TagSubsecondTime), Text(sub, ExifDirectoryBase.TagTimeZone)),
            DateTimeOriginal = ExifTime.Parse(Text(sub, ExifDirectoryBase.TagDateTimeOriginal), Text(sub, ExifDirectoryBase.TagSubsecondTimeOriginal), Text(sub, ExifDirectoryBase.TagTimeZoneOriginal)),
            DateTimeDigitized = ExifTime.Parse(Text(sub, ExifDirectoryBase.TagDateTimeDigitized), Text(sub, ExifDirectoryBase.TagSubsecondTimeDigitized), Text(sub, ExifDirectoryBase.TagTimeZoneDigitized)),
            Orientation = Int(ifd0, ExifDirectoryBase.TagOrientation),
            ExifWidth = Int(sub, ExifDirectoryBase.TagExifImageWidth),
            ExifHeight = Int(sub, ExifDirectoryBase.TagExifImageHeight),
            FrameWidth = Int(jpeg, JpegDirectory.TagImageWidth),
            FrameHeight = Int(jpeg, JpegDirectory.TagImageHeight),
            Gps = gps is null ? null : Gps(gps),
            ShutterCount = ShutterCount(makerNotes),
            HasExif = ifd0 is not null || sub is not null,
            HasXmp = directories.OfType<XmpDirectory>().Any(),
            CreatorTool = xmp.FirstOrDefault(p => p.Path == "xmp:CreatorTool")?.Value,
            History = History(xmp),
        };
    }

    private static string? Text(MeDirectory? directory, int tag)
    {
        if (directory is null || !directory.ContainsTag(tag)) return null;
        var text = directory.GetString(tag)?.Trim('\0', ' ');
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static int? Int(MeDirectory? directory, int tag) => directory is not null && directory.TryGetInt32(tag, out var v) ? v : null;

    private static string? MakerNoteText(List<MeDirectory> makerNotes, params string[] names)
    {
        foreach (var directory in makerNotes)
            foreach (var tag in directory.Tags)
                if (names.Contains(tag.Name) && Text(directory, tag.Type) is { } text && text.Any(char.IsLetterOrDigit)) return text;
        return null;
    }

    // Nikon writes the shutter actuation count as 0x00A7, which MetadataExtractor names "Exposure Sequence
    // Number" (ExifTool: Nikon ShutterCount). MetadataExtractor 2.4.3 exposes no other maker's count.
    private static long? ShutterCount(List<MeDirectory> makerNotes)
    {
        foreach (var directory in makerNotes)
            if (directory.Name.StartsWith("Nikon", StringComparison.Ordinal))
                foreach (var tag in directory.Tags)
                    if (tag.Name == "Exposure Sequence Number" && directory.TryGetInt64(tag.Type, out var count)) return count;
        return null;
    }

    private static GpsInfo Gps(GpsDirectory gps)
    {
        var lat = Degrees(gps, GpsDirectory.TagLatitude, GpsDirectory.TagLatitudeRef, "S");
        var lon = Degrees(gps, GpsDirectory.TagLongitude, GpsDirectory.TagLongitudeRef, "W");
        double? alt = null;
        if (gps.TryGetRational(GpsDirectory.TagAltitude, out var altitude) && altitude.Denominator != 0)
            alt = gps.TryGetInt32(GpsDirectory.TagAltitudeRef, out var below) && below == 1 ? -altitude.ToDouble() : altitude.ToDouble();
        string? timeStamp = null;
        TimeSpan? time = null;
        if (gps.GetRationalArray(GpsDirectory.TagTimeStamp) is { Length: 3 } hms && hms.All(r => r.Denominator != 0))
        {
            timeStamp = string.Join(':', hms.Select(r => r.ToDouble().ToString("0.###", CultureInfo.InvariantCulture)));
            var seconds = hms[0].ToDouble() * 3600 + hms[1].ToDouble() * 60 + hms[2].ToDouble();
            if (seconds is >= 0 and < 86400) time = TimeSpan.FromSeconds(seconds);
        }
        var dateStamp = Text(gps, GpsDirectory.TagDateStamp);
        DateTime? utc = null;
        if (time is { } t && dateStamp is not null && System.DateTime.TryParseExact(dateStamp, ["yyyy:MM:dd", "yyyy-MM-dd"], CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            utc = System.DateTime.SpecifyKind(date.Date + t, DateTimeKind.Utc);
        return new GpsInfo(lat, lon, alt, timeStamp, dateStamp, utc);
    }

    private static double? Degrees(GpsDirectory gps, int tag, int refTag, string negative)
    {
        if (gps.GetRationalArray(tag) is not { Length: 3 } dms || dms.Any(r => r.Denominator == 0)) return null;
        var value = dms[0].ToDouble() + dms[1].ToDouble() / 60 + dms[2].ToDouble() / 3600;
        return string.Equals(gps.GetString(refTag)?.Trim(), negative, StringComparison.OrdinalIgnoreCase) ? -value : value;
    }

    private static List<XmpHistoryEvent> History(List<XmpProperty> xmp)
    {
        var events = new SortedDictionary<int, (string? Action, string? Agent, string? When)>();
        foreach (var p in xmp)
        {
            if (!p.Path.StartsWith("xmpMM:History[", StringComparison.Ordinal)) continue;
            var close = p.Path.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !int.TryParse(p.Path.AsSpan(14, close - 14), NumberStyles.None, CultureInfo.InvariantCulture, out var index)) continue;
            events.TryGetValue(index, out var e);
            var field = p.Path[(close + 1)..];
            if (field.EndsWith("stEvt:action", StringComparison.Ordinal)) e.Action = p.Value;
            else if (field.EndsWith("stEvt:softwareAgent", StringComparison.Ordinal)) e.Agent = p.Value;
            else if (field.EndsWith("stEvt:when", StringComparison.Ordinal)) e.When = p.Value;
            events[index] = e;
        }
        return [.. events.Values.Select(e => new XmpHistoryEvent(e.Action, e.Agent, e.When))];
    }
}
