namespace Athar.Imaging.Jpeg.Structure;

/// <summary>
/// The stable codes of <see cref="JpegStructureIssue"/> and their severities, in one place (STYLE habit 4).
/// A code never changes meaning once released; add new ones instead.
/// </summary>
public static class JpegStructureIssueCodes
{
    /// <summary>The file does not start with FF D8 (T.81 B.2.1: a JPEG interchange stream starts with SOI).</summary>
    public const string NoSoi = "jpeg.no-soi";
    /// <summary>The file ends inside a marker segment: the declared length runs past the end of the file.</summary>
    public const string Truncated = "jpeg.truncated";
    /// <summary>A segment length field below 2 (T.81 B.1.1.4: the length counts its own two bytes).</summary>
    public const string BadSegmentLength = "jpeg.bad-segment-length";
    /// <summary>The data ended without an EOI marker (T.81 B.2.1); usually a cut-off file.</summary>
    public const string NoEoi = "jpeg.no-eoi";
    /// <summary>Bytes that are not a marker where a marker was required (T.81 B.1.1.2); the parser skipped to the next FF.</summary>
    public const string UnexpectedData = "jpeg.unexpected-data";
    /// <summary>A marker that does not belong where it stands: a second SOI, RSTn outside a scan, TEM or a reserved code.</summary>
    public const string UnexpectedMarker = "jpeg.unexpected-marker";
    /// <summary>A DQT segment that does not follow T.81 B.2.4.1 (bad Pq/Tq, short table, empty segment).</summary>
    public const string DqtInvalid = "jpeg.dqt-invalid";
    /// <summary>A quantisation value of 0, which T.81 B.2.4.1 forbids.</summary>
    public const string DqtZeroEntry = "jpeg.dqt-zero-entry";
    /// <summary>A quantisation table id defined again with different values (allowed between scans, rare in camera files).</summary>
    public const string DqtRedefined = "jpeg.dqt-redefined";
    /// <summary>The frame refers to a quantisation table that no DQT defines.</summary>
    public const string DqtMissing = "jpeg.dqt-missing";
    /// <summary>A DHT segment that does not follow T.81 B.2.4.2.</summary>
    public const string DhtInvalid = "jpeg.dht-invalid";
    /// <summary>A frame header that does not follow T.81 B.2.2.</summary>
    public const string SofInvalid = "jpeg.sof-invalid";
    /// <summary>More than one frame header (only hierarchical files, T.81 B.3, may have several).</summary>
    public const string MultipleSof = "jpeg.multiple-sof";
    /// <summary>No frame header at all.</summary>
    public const string NoSof = "jpeg.no-sof";
    /// <summary>A scan header that does not follow T.81 B.2.3.</summary>
    public const string SosInvalid = "jpeg.sos-invalid";
    /// <summary>A scan header before any frame header.</summary>
    public const string SosBeforeSof = "jpeg.sos-before-sof";
    /// <summary>No scan: the file has no image data.</summary>
    public const string NoSos = "jpeg.no-sos";
    /// <summary>A DRI segment that is not 4 bytes long (T.81 B.2.4.4).</summary>
    public const string DriInvalid = "jpeg.dri-invalid";
    /// <summary>RSTn markers not in the cyclic order RST0..RST7 that T.81 F.1.2.3 requires.</summary>
    public const string RestartOutOfOrder = "jpeg.restart-out-of-order";
    /// <summary>An APPn segment with a known identifier whose content is malformed (EXIF, JFIF, ICC, Photoshop, Adobe, MPF).</summary>
    public const string AppInvalid = "jpeg.app-invalid";
    /// <summary>The EXIF IFD chain could not be followed (bad TIFF header, offsets out of range, an IFD loop).</summary>
    public const string ExifInvalid = "jpeg.exif-invalid";
    /// <summary>The EXIF thumbnail offset or length points outside the APP1 segment.</summary>
    public const string ThumbnailOutOfRange = "jpeg.thumbnail-out-of-range";
    /// <summary>Bytes after EOI (T.81 says nothing follows EOI; MPF and phone "extended" files put images there).</summary>
    public const string TrailingData = "jpeg.trailing-data";
    /// <summary>More markers than <see cref="JpegStructureParser.MaxMarkers"/>: parsing stopped to stay bounded.</summary>
    public const string MarkerLimit = "jpeg.marker-limit";
    /// <summary>More issues than <see cref="JpegStructureParser.MaxIssues"/>: later ones were dropped.</summary>
    public const string TooManyIssues = "jpeg.too-many-issues";
    /// <summary>A defect in the parser itself (an exception it caught). Tests require that this never appears.</summary>
    public const string ParserFault = "jpeg.parser-fault";

    /// <summary>The severity that goes with each code; unknown codes are errors.</summary>
    public static JpegIssueSeverity SeverityOf(string code) => code switch
    {
        TrailingData or DqtRedefined or TooManyIssues => JpegIssueSeverity.Info,
        UnexpectedData or UnexpectedMarker or DqtZeroEntry or MultipleSof or DriInvalid or RestartOutOfOrder
            or AppInvalid or ExifInvalid or ThumbnailOutOfRange => JpegIssueSeverity.Warning,
        _ => JpegIssueSeverity.Error,
    };
}
