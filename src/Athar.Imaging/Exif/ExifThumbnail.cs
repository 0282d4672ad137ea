using System.Buffers.Binary;
using Athar.Imaging.Jpeg;

namespace Athar.Imaging.Exif;

/// <summary>
/// Finds the IFD1 JPEG thumbnail of a JPEG's EXIF APP1 segment. Hostile input gives null, never an
/// exception: every offset is checked against the segment before it is followed.
/// </summary>
public static class ExifThumbnail
{
    /// <summary>The thumbnail bytes, or null when there is no EXIF, no IFD1 or no readable JPEG thumbnail.</summary>
    public static byte[]? Extract(ReadOnlySpan<byte> jpeg)
    {
        foreach (var segment in JpegSegments.ReadHeader(jpeg))
        {
            if (segment.Marker != JpegSegments.App1) continue;
            var payload = JpegSegments.Payload(jpeg, segment);
            if (payload.Length < 14 || !payload[..6].SequenceEqual("Exif\0\0"u8)) continue;
            return FromTiff(payload[6..]);
        }
        return null;
    }

    /// <summary>The thumbnail of a bare TIFF/EXIF structure, or null.</summary>
    public static byte[]? FromTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return null;
        bool big;
        if (tiff[0] == 'I' && tiff[1] == 'I') big = false;
        else if (tiff[0] == 'M' && tiff[1] == 'M') big = true;
        else return null;
        var ifd0 = U32(tiff, 4, big);
        if (ifd0 is null || ifd0 + 2 > (uint)tiff.Length) return null;
        var count0 = U16(tiff, (int)ifd0.Value, big) ?? 0;
        var next = U32(tiff, (int)ifd0.Value + 2 + 12 * count0, big);
        if (next is null or 0 || next + 2 > (uint)tiff.Length || next == ifd0) return null;
        var ifd1 = (int)next.Value;
        var count1 = U16(tiff, ifd1, big) ?? 0;
        uint? offset = null, length = null;
        for (var i = 0; i < count1; i++)
        {
            var entry = ifd1 + 2 + 12 * i;
            var tag = U16(tiff, entry, big);
            if (tag is null) return null;
            if (tag == ExifTags.JpegInterchangeFormat) offset = U32(tiff, entry + 8, big);
            else if (tag == ExifTags.JpegInterchangeFormatLength) length = U32(tiff, entry + 8, big);
        }
        if (offset is null || length is null or 0 || (ulong)offset.Value + length.Value > (ulong)tiff.Length) return null;
        return tiff.Slice((int)offset.Value, (int)length.Value).ToArray();
    }

    private static ushort? U16(ReadOnlySpan<byte> data, int offset, bool big)
    {
        if (offset < 0 || offset + 2 > data.Length) return null;
        return big ? BinaryPrimitives.ReadUInt16BigEndian(data[offset..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);
    }

    private static uint? U32(ReadOnlySpan<byte> data, int offset, bool big)
    {
        if (offset < 0 || offset + 4 > data.Length) return null;
        return big ? BinaryPrimitives.ReadUInt32BigEndian(data[offset..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
    }
}
