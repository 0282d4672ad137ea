using Athar.Imaging.Jpeg;

namespace Athar.Imaging.Exif;

/// <summary>
/// Writes an EXIF 2.3 TIFF structure: IFD0 (camera, software, dates, resolution), the Exif IFD (capture
/// settings, sub-seconds, pixel dimensions, body serial), and IFD1 with a JPEG thumbnail, laid out as
/// header, IFD0, Exif IFD, IFD1, thumbnail. Checked by reading back with MetadataExtractor.
/// </summary>
public static class ExifWriter
{
    private static readonly byte[] ExifHeader = "Exif\0\0"u8.ToArray();

    /// <summary>The complete APP1 segment (FF E1, length, "Exif\0\0", TIFF). Throws when it would exceed 64 KiB.</summary>
    public static byte[] BuildApp1(ExifProfile profile)
    {
        var tiff = BuildTiff(profile);
        var payload = new byte[ExifHeader.Length + tiff.Length];
        ExifHeader.CopyTo(payload, 0);
        tiff.CopyTo(payload, ExifHeader.Length);
        return JpegSegments.Build(JpegSegments.App1, payload);
    }

    /// <summary>The TIFF structure alone ("II*\0" or "MM\0*" first).</summary>
    public static byte[] BuildTiff(ExifProfile profile)
    {
        var big = profile.BigEndian;
        var ifd0 = new TiffIfdBuilder(big);
        ifd0.Ascii(ExifTags.Make, profile.Make);
        ifd0.Ascii(ExifTags.Model, profile.Model);
        ifd0.Short(ExifTags.Orientation, profile.Orientation);
        ifd0.Rational(ExifTags.XResolution, profile.XResolution);
        ifd0.Rational(ExifTags.YResolution, profile.YResolution);
        ifd0.Short(ExifTags.ResolutionUnit, profile.ResolutionUnit);
        ifd0.Ascii(ExifTags.Software, profile.Software);
        if (profile.DateTime is { } modified) ifd0.Ascii(ExifTags.DateTime, ExifProfile.FormatDate(modified));
        ifd0.Short(ExifTags.YCbCrPositioning, 2);
        ifd0.Long(ExifTags.ExifIfdPointer, 0);

        var exif = new TiffIfdBuilder(big);
        exif.Rational(ExifTags.ExposureTime, profile.ExposureTime);
        exif.Rational(ExifTags.FNumber, profile.FNumber);
        if (profile.Iso is { } iso) exif.Short(ExifTags.IsoSpeedRatings, iso);
        exif.Undefined(ExifTags.ExifVersion, System.Text.Encoding.ASCII.GetBytes(profile.ExifVersion.PadRight(4, '0')[..4]));
        if (profile.DateTimeOriginal is { } original) exif.Ascii(ExifTags.DateTimeOriginal, ExifProfile.FormatDate(original));
        if (profile.DateTimeDigitized is { } digitized) exif.Ascii(ExifTags.DateTimeDigitized, ExifProfile.FormatDate(digitized));
        exif.Rational(ExifTags.FocalLength, profile.FocalLength);
        exif.Ascii(ExifTags.SubSecTime, profile.SubSecTime);
        exif.Ascii(ExifTags.SubSecTimeOriginal, profile.SubSecTimeOriginal);
        exif.Ascii(ExifTags.SubSecTimeDigitized, profile.SubSecTimeDigitized);
        exif.Short(ExifTags.ColorSpace, 1);
        if (profile.PixelXDimension is { } px) exif.Long(ExifTags.PixelXDimension, (uint)px);
        if (profile.PixelYDimension is { } py) exif.Long(ExifTags.PixelYDimension, (uint)py);
        exif.Ascii(ExifTags.BodySerialNumber, profile.BodySerialNumber);

        TiffIfdBuilder? ifd1 = null;
        if (profile.Thumbnail is { Length: > 0 })
        {
            ifd1 = new TiffIfdBuilder(big);
            ifd1.Short(ExifTags.Compression, 6);
            ifd1.Rational(ExifTags.XResolution, profile.XResolution);
            ifd1.Rational(ExifTags.YResolution, profile.YResolution);
            ifd1.Short(ExifTags.ResolutionUnit, profile.ResolutionUnit);
            ifd1.Long(ExifTags.JpegInterchangeFormat, 0);
            ifd1.Long(ExifTags.JpegInterchangeFormatLength, (uint)profile.Thumbnail.Length);
        }

        const int ifd0Offset = 8;
        var exifOffset = ifd0Offset + ifd0.Size;
        var ifd1Offset = exifOffset + exif.Size;
        var thumbnailOffset = ifd1Offset + (ifd1?.Size ?? 0);
        ifd0.SetLong(ExifTags.ExifIfdPointer, (uint)exifOffset);
        ifd1?.SetLong(ExifTags.JpegInterchangeFormat, (uint)thumbnailOffset);
        var total = thumbnailOffset + (profile.Thumbnail?.Length ?? 0);
        if (total + 8 > 65533) throw new InvalidOperationException($"EXIF would take {total} bytes; APP1 holds at most 65525 (use a smaller thumbnail)");

        var tiff = new byte[total];
        if (big) { tiff[0] = (byte)'M'; tiff[1] = (byte)'M'; tiff[2] = 0; tiff[3] = 42; tiff[7] = 8; }
        else { tiff[0] = (byte)'I'; tiff[1] = (byte)'I'; tiff[2] = 42; tiff[3] = 0; tiff[4] = 8; }
        ifd0.WriteTo(tiff, ifd0Offset, ifd1 is null ? 0u : (uint)ifd1Offset);
        exif.WriteTo(tiff, exifOffset, 0);
        if (ifd1 is not null)
        {
            ifd1.WriteTo(tiff, ifd1Offset, 0);
            profile.Thumbnail!.CopyTo(tiff, thumbnailOffset);
        }
        return tiff;
    }
}
