namespace Athar.Imaging.Exif;

/// <summary>TIFF 6.0 field types used by EXIF 2.3 (section 4.6.2).</summary>
public enum TiffType : ushort
{
    Byte = 1,
    Ascii = 2,
    Short = 3,
    Long = 4,
    Rational = 5,
    Undefined = 7,
    SRational = 10,
}
