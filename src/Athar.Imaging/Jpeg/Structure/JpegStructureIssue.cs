namespace Athar.Imaging.Jpeg.Structure;

/// <summary>How much a structural problem matters to someone reading the file.</summary>
public enum JpegIssueSeverity
{
    /// <summary>Allowed by the standards but worth recording (bytes after EOI, a redefined table).</summary>
    Info = 0,
    /// <summary>Out of spec, but decoders cope and the rest of the structure is intact.</summary>
    Warning = 1,
    /// <summary>Structure broken or missing: what follows the offset could not be read as JPEG.</summary>
    Error = 2,
}

/// <summary>
/// One structural problem, kept as a value: a stable <see cref="Code"/> from <see cref="JpegStructureIssueCodes"/>,
/// its severity, the file offset it concerns and a plain message that names the offset. Tests compare codes,
/// never the message text.
/// </summary>
public sealed record JpegStructureIssue(string Code, JpegIssueSeverity Severity, long Offset, string Message);
