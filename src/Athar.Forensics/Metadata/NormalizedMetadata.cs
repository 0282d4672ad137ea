using System.Globalization;
using System.Text.Json.Nodes;

namespace Athar.Forensics.Metadata;

/// <summary>GPS position and time as written: decimal degrees (south and west negative), metres, and the UTC time stamp and date stamp.</summary>
public sealed record GpsInfo(double? Latitude, double? Longitude, double? AltitudeMetres, string? TimeStamp, string? DateStamp, DateTime? Utc)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Latitude is { } lat) json["latitude"] = Math.Round(lat, 7);
        if (Longitude is { } lon) json["longitude"] = Math.Round(lon, 7);
        if (AltitudeMetres is { } alt) json["altitude"] = Math.Round(alt, 2);
        if (TimeStamp is not null) json["timeStamp"] = TimeStamp;
        if (DateStamp is not null) json["dateStamp"] = DateStamp;
        if (Utc is { } utc) json["utc"] = utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return json;
    }
}

/// <summary>
/// The metadata fields the analyzers compare, pulled out of MetadataExtractor's directories. Strings are
/// as written (trailing NULs and spaces trimmed); every field is null when the file does not have it.
/// </summary>
public sealed record NormalizedMetadata
{
    public string? Make { get; init; }
    public string? Model { get; init; }
    /// <summary>Exif 0xA431 BodySerialNumber, else a maker-note serial number.</summary>
    public string? BodySerial { get; init; }
    public string? Lens { get; init; }
    /// <summary>IFD0 0x0131 Software.</summary>
    public string? Software { get; init; }
    /// <summary>XMP xmp:CreatorTool.</summary>
    public string? CreatorTool { get; init; }
    public ExifTime? DateTimeOriginal { get; init; }
    public ExifTime? DateTimeDigitized { get; init; }
    /// <summary>IFD0 0x0132 DateTime: when the file was last changed.</summary>
    public ExifTime? DateTime { get; init; }
    public GpsInfo? Gps { get; init; }
    public int? Orientation { get; init; }
    /// <summary>Exif 0xA002/0xA003 PixelXDimension/PixelYDimension.</summary>
    public int? ExifWidth { get; init; }
    public int? ExifHeight { get; init; }
    /// <summary>From the JPEG frame header (SOFn).</summary>
    public int? FrameWidth { get; init; }
    public int? FrameHeight { get; init; }
    /// <summary>The maker note's shutter (exposure) count where MetadataExtractor exposes one (Nikon); null otherwise.</summary>
    public long? ShutterCount { get; init; }
    /// <summary>True when the file has an EXIF (TIFF) block that MetadataExtractor read.</summary>
    public bool HasExif { get; init; }
    public bool HasXmp { get; init; }
    /// <summary>xmpMM:History events: (action, softwareAgent, when), in order.</summary>
    public IReadOnlyList<XmpHistoryEvent> History { get; init; } = [];

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["hasExif"] = HasExif, ["hasXmp"] = HasXmp };
        void Put(string name, string? value) { if (value is not null) json[name] = value; }
        void PutInt(string name, long? value) { if (value is { } v) json[name] = v; }
        Put("make", Make);
        Put("model", Model);
        Put("bodySerial", BodySerial);
        Put("lens", Lens);
        Put("software", Software);
        Put("creatorTool", CreatorTool);
        if (DateTimeOriginal is not null) json["dateTimeOriginal"] = DateTimeOriginal.ToJson();
        if (DateTimeDigitized is not null) json["dateTimeDigitized"] = DateTimeDigitized.ToJson();
        if (DateTime is not null) json["dateTime"] = DateTime.ToJson();
        if (Gps is not null) json["gps"] = Gps.ToJson();
        PutInt("orientation", Orientation);
        PutInt("exifWidth", ExifWidth);
        PutInt("exifHeight", ExifHeight);
        PutInt("frameWidth", FrameWidth);
        PutInt("frameHeight", FrameHeight);
        PutInt("shutterCount", ShutterCount);
        if (History.Count > 0) json["xmpHistory"] = new JsonArray([.. History.Select(h => (JsonNode)h.ToJson())]);
        return json;
    }
}

/// <summary>One xmpMM:History entry (XMP Part 2, ResourceEvent): stEvt:action, stEvt:softwareAgent, stEvt:when.</summary>
public sealed record XmpHistoryEvent(string? Action, string? SoftwareAgent, string? When)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Action is not null) json["action"] = Action;
        if (SoftwareAgent is not null) json["softwareAgent"] = SoftwareAgent;
        if (When is not null) json["when"] = When;
        return json;
    }
}
