namespace Athar.Imaging.Exif;

/// <summary>
/// The EXIF fields a camera writes, as the writer takes them. Null fields are left out. Times are the
/// camera's local clock (EXIF stores no zone). <see cref="Thumbnail"/> is a complete JPEG (SOI..EOI) for IFD1.
/// </summary>
public sealed record ExifProfile
{
    public bool BigEndian { get; init; }
    public string? Make { get; init; }
    public string? Model { get; init; }
    public string? Software { get; init; }
    /// <summary>IFD0 DateTime: when the file was last written.</summary>
    public DateTime? DateTime { get; init; }
    public ushort Orientation { get; init; } = 1;
    public Rational XResolution { get; init; } = new(72, 1);
    public Rational YResolution { get; init; } = new(72, 1);
    /// <summary>2 = inches, 3 = centimetres.</summary>
    public ushort ResolutionUnit { get; init; } = 2;
    public string? BodySerialNumber { get; init; }
    public DateTime? DateTimeOriginal { get; init; }
    public DateTime? DateTimeDigitized { get; init; }
    public string? SubSecTime { get; init; }
    public string? SubSecTimeOriginal { get; init; }
    public string? SubSecTimeDigitized { get; init; }
    public Rational? ExposureTime { get; init; }
    public Rational? FNumber { get; init; }
    public ushort? Iso { get; init; }
    public Rational? FocalLength { get; init; }
    public int? PixelXDimension { get; init; }
    public int? PixelYDimension { get; init; }
    /// <summary>Four ASCII digits, e.g. "0230" for EXIF 2.3.</summary>
    public string ExifVersion { get; init; } = "0230";
    public byte[]? Thumbnail { get; init; }

    /// <summary>EXIF's date format, "YYYY:MM:DD HH:MM:SS".</summary>
    public static string FormatDate(DateTime value) => value.ToString("yyyy':'MM':'dd HH':'mm':'ss", System.Globalization.CultureInfo.InvariantCulture);
}
