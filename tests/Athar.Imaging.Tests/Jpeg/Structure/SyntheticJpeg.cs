using Athar.Imaging.Jpeg;

namespace Athar.Imaging.Tests.Jpeg.Structure;

/// <summary>
/// Builds tiny JPEG byte streams segment by segment (no image content: the entropy-coded data is a few
/// arbitrary bytes, which the structure parser never decodes).
/// </summary>
internal static class SyntheticJpeg
{
    public static readonly byte[] Soi = [0xFF, 0xD8];
    public static readonly byte[] Eoi = [0xFF, 0xD9];

    public static byte[] Segment(byte marker, params byte[] payload) => JpegSegments.Build(marker, payload);

    public static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        var at = 0;
        foreach (var p in parts) { p.CopyTo(result, at); at += p.Length; }
        return result;
    }

    /// <summary>A DQT with one 8-bit table; <paramref name="zigzagValue"/> gives the k-th value in stored (zig-zag) order.</summary>
    public static byte[] Dqt(int id, Func<int, int> zigzagValue)
    {
        var payload = new byte[65];
        payload[0] = (byte)id;
        for (var k = 0; k < 64; k++) payload[1 + k] = (byte)zigzagValue(k);
        return Segment(0xDB, payload);
    }

    /// <summary>SOF0, 8-bit, with components (id, h, v, tq).</summary>
    public static byte[] Sof(byte marker, int width, int height, params (int Id, int H, int V, int Tq)[] components)
    {
        var payload = new List<byte> { 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components.Length };
        foreach (var c in components) payload.AddRange([(byte)c.Id, (byte)(c.H << 4 | c.V), (byte)c.Tq]);
        return Segment(marker, [.. payload]);
    }

    /// <summary>A DHT with one table holding one 1-bit code for symbol 0.</summary>
    public static byte[] Dht(int tableClass, int id) => Segment(0xC4, [(byte)(tableClass << 4 | id), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);

    public static byte[] Sos(int componentId = 1) => Segment(0xDA, 1, (byte)componentId, 0x00, 0, 63, 0);

    /// <summary>SOI, extra segments, DQT 0 (all 1), SOF0 8x8 grey, DHT, SOS, <paramref name="scan"/> (default 4 bytes), EOI.</summary>
    public static byte[] Minimal(byte[]? scan = null, params byte[][] afterSoi)
        => Concat([Soi, .. afterSoi, Dqt(0, _ => 1), Sof(0xC0, 8, 8, (1, 1, 1, 0)), Dht(0, 0), Dht(1, 0), Sos(), scan ?? [0x12, 0x34, 0x56, 0x78], Eoi]);

    /// <summary>
    /// An EXIF APP1 whose IFD1 points at a 6-byte thumbnail (FF D8 00 00 FF D9) placed right after IFD1.
    /// Returns the segment and the thumbnail's offset from the start of the segment.
    /// </summary>
    public static (byte[] Segment, int ThumbnailOffsetInSegment) ExifWithThumbnail(bool littleEndian, uint? ifd1Override = null, uint? thumbOffsetOverride = null)
    {
        var tiff = new List<byte>();
        void U16(int v) { if (littleEndian) tiff.AddRange([(byte)v, (byte)(v >> 8)]); else tiff.AddRange([(byte)(v >> 8), (byte)v]); }
        void U32(uint v) { if (littleEndian) tiff.AddRange([(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)]); else tiff.AddRange([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]); }
        tiff.AddRange(littleEndian ? "II"u8.ToArray() : "MM"u8.ToArray());
        U16(42);
        U32(8);
        // IFD0 at 8: one entry (Orientation = 1), next IFD at 8 + 2 + 12 + 4 = 26.
        U16(1); U16(0x0112); U16(3); U32(1); U16(1); U16(0);
        U32(ifd1Override ?? 26);
        // IFD1 at 26: two entries, next 0; thumbnail at 26 + 2 + 24 + 4 = 56.
        const uint thumbAt = 56;
        U16(2);
        U16(0x0201); U16(4); U32(1); U32(thumbOffsetOverride ?? thumbAt);
        U16(0x0202); U16(4); U32(1); U32(6);
        U32(0);
        tiff.AddRange([0xFF, 0xD8, 0x00, 0x00, 0xFF, 0xD9]);
        var payload = Concat("Exif\0\0"u8.ToArray(), [.. tiff]);
        return (Segment(0xE1, payload), 4 + 6 + (int)thumbAt);
    }
}
