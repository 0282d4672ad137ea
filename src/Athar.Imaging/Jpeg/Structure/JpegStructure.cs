namespace Athar.Imaging.Jpeg.Structure;

/// <summary>
/// What <see cref="JpegStructureParser"/> found in one file: markers in file order, tables, frame, scans,
/// APPn inventory, comments, the EXIF thumbnail's place, bytes after EOI, an IJG quality estimate and every
/// structural problem as a <see cref="JpegStructureIssue"/>. It holds no reference to the file's bytes.
/// </summary>
public sealed class JpegStructure
{
    internal readonly List<JpegMarker> MarkerList = [];
    internal readonly List<JpegStructureIssue> IssueList = [];
    internal readonly List<JpegQuantizationTable> QuantList = [];
    internal readonly List<JpegHuffmanTable> HuffmanList = [];
    internal readonly List<JpegScan> ScanList = [];
    internal readonly List<XmpSegment> XmpList = [];
    internal readonly List<IccChunk> IccList = [];
    internal readonly List<PhotoshopSegment> PhotoshopList = [];
    internal readonly List<MpfSegment> MpfList = [];
    internal readonly List<UnknownAppSegment> UnknownAppList = [];
    internal readonly List<JpegComment> CommentList = [];
    internal readonly List<ExifSegment> ExifList = [];
    private readonly JpegQuantizationTable?[] _lastQuant = new JpegQuantizationTable?[4];

    internal JpegStructure(long fileLength) => FileLength = fileLength;

    /// <summary>The number of bytes parsed.</summary>
    public long FileLength { get; }

    /// <summary>Markers in file order (RSTn inside scans are counted in <see cref="JpegScan.RestartMarkers"/>, not listed).</summary>
    public IReadOnlyList<JpegMarker> Markers => MarkerList;

    /// <summary>Structural problems, in the order found (at most <see cref="JpegStructureParser.MaxIssues"/> + 1).</summary>
    public IReadOnlyList<JpegStructureIssue> Issues => IssueList;

    /// <summary>Every quantisation table definition in file order, redefinitions included.</summary>
    public IReadOnlyList<JpegQuantizationTable> QuantizationTables => QuantList;

    /// <summary>Every Huffman table definition in file order.</summary>
    public IReadOnlyList<JpegHuffmanTable> HuffmanTables => HuffmanList;

    /// <summary>The first frame header, or null when there is none (or it was malformed).</summary>
    public JpegFrame? Frame { get; internal set; }

    /// <summary>Scans in file order (one for baseline, several for progressive).</summary>
    public IReadOnlyList<JpegScan> Scans => ScanList;

    /// <summary>The last restart interval a DRI defined (T.81 B.2.4.4), 0 when none.</summary>
    public int RestartInterval { get; internal set; }

    public JfifSegment? Jfif { get; internal set; }

    /// <summary>The first EXIF APP1; later ones are in <see cref="ExifSegments"/>.</summary>
    public ExifSegment? Exif => ExifList.Count == 0 ? null : ExifList[0];

    public IReadOnlyList<ExifSegment> ExifSegments => ExifList;
    public IReadOnlyList<XmpSegment> Xmp => XmpList;
    public IReadOnlyList<IccChunk> IccChunks => IccList;
    public IReadOnlyList<PhotoshopSegment> Photoshop => PhotoshopList;
    public AdobeSegment? Adobe { get; internal set; }
    public IReadOnlyList<MpfSegment> Mpf => MpfList;
    public IReadOnlyList<UnknownAppSegment> UnknownApps => UnknownAppList;
    public IReadOnlyList<JpegComment> Comments => CommentList;

    /// <summary>The thumbnail that the first EXIF segment's IFD1 points to, or null.</summary>
    public ExifThumbnailLocation? ExifThumbnail { get; internal set; }

    /// <summary>True when an EOI marker ended the stream.</summary>
    public bool HasEoi => EoiOffset >= 0;

    /// <summary>The offset of the EOI marker, -1 when none was found.</summary>
    public int EoiOffset { get; internal set; } = -1;

    /// <summary>Bytes after EOI, or null when EOI is the last thing in the file (or absent).</summary>
    public TrailingData? Trailer { get; internal set; }

    /// <summary>The nearest IJG quality, or null without a usable luminance table.</summary>
    public JpegQualityEstimate? Quality { get; internal set; }

    /// <summary>True when some issue has <see cref="JpegIssueSeverity.Error"/>.</summary>
    public bool HasErrors
    {
        get
        {
            foreach (var issue in IssueList) if (issue.Severity == JpegIssueSeverity.Error) return true;
            return false;
        }
    }

    /// <summary>The table last defined under <paramref name="id"/> (0..3) — the one a decoder would use at the end of the file — or null.</summary>
    public JpegQuantizationTable? QuantizationTable(int id) => (uint)id < 4 ? _lastQuant[id] : null;

    internal void AddQuantizationTable(JpegQuantizationTable table)
    {
        QuantList.Add(table);
        _lastQuant[table.Id] = table;
    }
}
