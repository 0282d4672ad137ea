namespace Athar.Imaging.Exif;

/// <summary>The tag numbers the writer uses (EXIF 2.3, CIPA DC-008; TIFF 6.0).</summary>
public static class ExifTags
{
    // IFD0 / IFD1 (TIFF)
    public const ushort Compression = 0x0103;
    public const ushort Make = 0x010F;
    public const ushort Model = 0x0110;
    public const ushort Orientation = 0x0112;
    public const ushort XResolution = 0x011A;
    public const ushort YResolution = 0x011B;
    public const ushort ResolutionUnit = 0x0128;
    public const ushort Software = 0x0131;
    public const ushort DateTime = 0x0132;
    public const ushort JpegInterchangeFormat = 0x0201;
    public const ushort JpegInterchangeFormatLength = 0x0202;
    public const ushort YCbCrPositioning = 0x0213;
    public const ushort ExifIfdPointer = 0x8769;

    // Exif IFD
    public const ushort ExposureTime = 0x829A;
    public const ushort FNumber = 0x829D;
    public const ushort IsoSpeedRatings = 0x8827;
    public const ushort ExifVersion = 0x9000;
    public const ushort DateTimeOriginal = 0x9003;
    public const ushort DateTimeDigitized = 0x9004;
    public const ushort FocalLength = 0x920A;
    public const ushort SubSecTime = 0x9290;
    public const ushort SubSecTimeOriginal = 0x9291;
    public const ushort SubSecTimeDigitized = 0x9292;
    public const ushort ColorSpace = 0xA001;
    public const ushort PixelXDimension = 0xA002;
    public const ushort PixelYDimension = 0xA003;
    public const ushort BodySerialNumber = 0xA431;
}
