using System.Buffers.Binary;

namespace Athar.Imaging.Jpeg;

/// <summary>
/// Walks and edits the marker segments of a JPEG header (ITU T.81 B.1.1). Input is treated as hostile:
/// every length is checked against the buffer before use, and a malformed header ends the walk.
/// </summary>
public static class JpegSegments
{
    public const byte Soi = 0xD8;
    public const byte Sos = 0xDA;
    public const byte App0 = 0xE0;
    public const byte App1 = 0xE1;

    /// <summary>
    /// The segments from just after SOI up to and including SOS (whose length covers only its header).
    /// Returns an empty list when the data does not start with SOI; stops early at a malformed segment.
    /// </summary>
    public static List<JpegSegment> ReadHeader(ReadOnlySpan<byte> jpeg)
    {
        var segments = new List<JpegSegment>();
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != Soi) return segments;
        var offset = 2;
        while (offset + 4 <= jpeg.Length)
        {
            if (jpeg[offset] != 0xFF) break;
            var marker = jpeg[offset + 1];
            if (marker == 0xFF) { offset++; continue; } // fill byte
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(offset + 2, 2));
            if (length < 2 || offset + 2 + length > jpeg.Length) break;
            segments.Add(new JpegSegment(marker, offset, 2 + length));
            offset += 2 + length;
            if (marker == Sos) break;
        }
        return segments;
    }

    /// <summary>The payload of a segment (after marker and length).</summary>
    public static ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> jpeg, JpegSegment segment) => jpeg.Slice(segment.Offset + 4, segment.Length - 4);

    /// <summary>
    /// Rewrites the header: drops every segment for which <paramref name="drop"/> returns true, then puts
    /// <paramref name="insert"/> (complete segments, marker included) right after SOI. Everything from the
    /// first kept segment on is copied unchanged. Requires a JPEG that starts with SOI.
    /// </summary>
    public static byte[] Rewrite(ReadOnlySpan<byte> jpeg, Func<JpegSegment, bool> drop, params ReadOnlySpan<byte[]> insert)
    {
        var segments = ReadHeader(jpeg);
        if (segments.Count == 0) throw new ArgumentException("not a JPEG: no SOI followed by segments", nameof(jpeg));
        using var output = new MemoryStream(jpeg.Length + 1024);
        output.Write(jpeg[..2]);
        foreach (var segment in insert) output.Write(segment);
        var copyFrom = 2;
        foreach (var segment in segments)
        {
            if (segment.Marker == Sos) break;
            if (drop(segment))
            {
                output.Write(jpeg[copyFrom..segment.Offset]);
                copyFrom = segment.End;
            }
        }
        output.Write(jpeg[copyFrom..]);
        return output.ToArray();
    }

    /// <summary>Inserts APP segments right after SOI and drops the JFIF APP0 that libjpeg-turbo writes, as cameras do.</summary>
    public static byte[] InsertAfterSoi(ReadOnlySpan<byte> jpeg, params ReadOnlySpan<byte[]> segments)
        => Rewrite(jpeg, s => s.Marker == App0, segments);

    /// <summary>Drops every APPn (EXIF, XMP, ICC, maker data) and comment segment, then writes a plain JFIF APP0.</summary>
    public static byte[] StripMetadata(ReadOnlySpan<byte> jpeg)
        => Rewrite(jpeg, s => s.IsApp || s.IsComment, JfifApp0());

    /// <summary>A JFIF 1.01 APP0 segment, 72 dpi aspect 1:1, no thumbnail.</summary>
    public static byte[] JfifApp0() => [0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x01, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00];

    /// <summary>Wraps a payload as a complete segment. Requires payload length &lt;= 65533.</summary>
    public static byte[] Build(byte marker, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > 65533) throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, "a JPEG segment holds at most 65533 bytes");
        var segment = new byte[payload.Length + 4];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment.AsSpan(4));
        return segment;
    }

    /// <summary>The quantisation tables (DQT payloads, in order) — a compact signature of the encoder and its quality.</summary>
    public static List<byte[]> QuantizationTables(ReadOnlySpan<byte> jpeg)
    {
        var tables = new List<byte[]>();
        foreach (var segment in ReadHeader(jpeg))
            if (segment.Marker == 0xDB) tables.Add(Payload(jpeg, segment).ToArray());
        return tables;
    }
}
