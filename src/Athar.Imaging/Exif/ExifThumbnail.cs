using Athar.Imaging.Jpeg;
using Athar.Imaging.Jpeg.Structure;

namespace Athar.Imaging.Exif;

/// <summary>
/// The IFD1 JPEG thumbnail of a JPEG's EXIF APP1 segment, as the structure parser locates it (one IFD walk
/// in the codebase: <c>ExifThumbnailLocator</c>). Hostile input gives null, never an exception.
/// </summary>
public static class ExifThumbnail
{
    /// <summary>The thumbnail bytes, or null when there is no EXIF, no IFD1 or no JPEG thumbnail inside the EXIF block.</summary>
    public static byte[]? Extract(ReadOnlySpan<byte> jpeg) =>
        JpegStructureParser.Parse(jpeg).ExifThumbnail is { } location ? jpeg.Slice(location.Offset, location.Length).ToArray() : null;

    /// <summary>The thumbnail of a bare TIFF/EXIF structure (what an APP1 "Exif\0\0" segment carries), or null.</summary>
    public static byte[]? FromTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length > 65533 - 6) return null;
        var payload = new byte[6 + tiff.Length];
        "Exif\0\0"u8.CopyTo(payload);
        tiff.CopyTo(payload.AsSpan(6));
        byte[] jpeg = [0xFF, 0xD8, .. JpegSegments.Build(JpegSegments.App1, payload), 0xFF, 0xD9];
        return Extract(jpeg);
    }
}
