using System.Text;

namespace Athar.Imaging.Jpeg.Structure;

// APPn segments (T.81 B.2.4.6 leaves their content to applications): identified by the leading string.
public static partial class JpegStructureParser
{
    private static ReadOnlySpan<byte> JfifId => "JFIF\0"u8;
    private static ReadOnlySpan<byte> ExifId => "Exif\0"u8; // Exif 2.32 4.5.4: "Exif" NUL, then a pad byte (normally 00)
    private static ReadOnlySpan<byte> XmpId => "http://ns.adobe.com/xap/1.0/\0"u8;
    private static ReadOnlySpan<byte> IccId => "ICC_PROFILE\0"u8;
    private static ReadOnlySpan<byte> MpfId => "MPF\0"u8;
    private static ReadOnlySpan<byte> PhotoshopId => "Photoshop 3.0\0"u8;
    private static ReadOnlySpan<byte> AdobeId => "Adobe"u8;

    private static void ReadApp(ReadOnlySpan<byte> file, byte code, ReadOnlySpan<byte> payload, int offset, JpegStructure s)
    {
        var at = offset - 4;
        var n = code - 0xE0;
        var handled = n switch
        {
            0 when payload.StartsWith(JfifId) => ReadJfif(payload, at, s),
            1 when payload.StartsWith(ExifId) => ReadExif(file, payload, offset, s),
            1 when payload.StartsWith(XmpId) => ReadXmp(payload, offset, s),
            2 when payload.StartsWith(IccId) => ReadIcc(payload, offset, s),
            2 when payload.StartsWith(MpfId) => ReadMpf(payload, offset, s),
            13 when payload.StartsWith(PhotoshopId) => ReadPhotoshop(payload, offset, s),
            14 when payload.StartsWith(AdobeId) => ReadAdobe(payload, at, s),
            _ => false,
        };
        if (!handled) s.UnknownAppList.Add(new UnknownAppSegment(n, at, payload.Length + 4, Identifier(payload)));
    }

    /// <summary>The leading printable ASCII of a payload, up to NUL, at most 64 characters.</summary>
    private static string Identifier(ReadOnlySpan<byte> payload)
    {
        var end = 0;
        while (end < payload.Length && end < 64 && payload[end] is >= 0x20 and < 0x7F) end++;
        return Encoding.ASCII.GetString(payload[..end]);
    }

    private static bool ReadJfif(ReadOnlySpan<byte> p, int at, JpegStructure s)
    {
        // JFIF 1.02: identifier (5), version (2), units (1), Xdensity (2), Ydensity (2), Xthumbnail (1), Ythumbnail (1).
        if (p.Length < 14)
        {
            AddIssue(s, JpegStructureIssueCodes.AppInvalid, at, $"JFIF APP0 at offset {at} has {p.Length} bytes; at least 14 are required");
            return true;
        }
        s.Jfif ??= new JfifSegment(at, p[5], p[6], p[7], (p[8] << 8) | p[9], (p[10] << 8) | p[11], p[12], p[13]);
        return true;
    }

    private static bool ReadExif(ReadOnlySpan<byte> file, ReadOnlySpan<byte> p, int offset, JpegStructure s)
    {
        // Exif 2.32 4.5.4: "Exif" 00 00, then the TIFF header and IFDs; offsets inside are relative to the TIFF header.
        if (p.Length < 6)
        {
            AddIssue(s, JpegStructureIssueCodes.AppInvalid, offset - 4, $"EXIF APP1 at offset {offset - 4} ends inside its identifier");
            return true;
        }
        var segment = new ExifSegment(offset - 4, offset + 6, p.Length - 6);
        s.ExifList.Add(segment);
        if (s.ExifList.Count == 1) s.ExifThumbnail = ExifThumbnailLocator.Locate(file, segment, s);
        return true;
    }

    private static bool ReadXmp(ReadOnlySpan<byte> p, int offset, JpegStructure s)
    {
        var packet = p[XmpId.Length..];
        s.XmpList.Add(new XmpSegment(offset - 4, offset + XmpId.Length, packet.Length, Encoding.UTF8.GetString(packet)));
        return true;
    }

    private static bool ReadIcc(ReadOnlySpan<byte> p, int offset, JpegStructure s)
    {
        // ICC.1:2010 B.4: identifier, sequence number (1-based), number of chunks, then profile data.
        var header = IccId.Length + 2;
        if (p.Length < header)
        {
            AddIssue(s, JpegStructureIssueCodes.AppInvalid, offset - 4, $"ICC_PROFILE APP2 at offset {offset - 4} ends before its chunk numbers");
            return true;
        }
        int sequence = p[IccId.Length], count = p[IccId.Length + 1];
        if (sequence == 0 || count == 0 || sequence > count)
            AddIssue(s, JpegStructureIssueCodes.AppInvalid, offset - 4, $"ICC_PROFILE APP2 at offset {offset - 4} is chunk {sequence} of {count}; chunks are numbered 1 to count");
        s.IccList.Add(new IccChunk(offset - 4, sequence, count, offset + header, p.Length - header));
        return true;
    }

    private static bool ReadMpf(ReadOnlySpan<byte> p, int offset, JpegStructure s)
    {
        var tiff = p[MpfId.Length..];
        var images = MpfImageCount(tiff);
        if (images < 0) AddIssue(s, JpegStructureIssueCodes.AppInvalid, offset - 4, $"MPF APP2 at offset {offset - 4}: the MP index IFD could not be read");
        s.MpfList.Add(new MpfSegment(offset - 4, offset + MpfId.Length, tiff.Length, Math.Max(images, 0)));
        return true;
    }

    /// <summary>The number of MP entries (tag 0xB002 count / 16, CIPA DC-007 5.2.3.3), 0 when absent, -1 when the index is unreadable.</summary>
    private static int MpfImageCount(ReadOnlySpan<byte> tiff)
    {
        var r = new JpegSpanReader(tiff);
        if (!ExifThumbnailLocator.TryTiffHeader(r, out var little, out var ifd)) return -1;
        if (!r.TryUInt16(ifd, little, out var entries) || !r.Has(ifd + 2, entries * 12L)) return -1;
        for (var i = 0; i < entries; i++)
        {
            var e = ifd + 2 + 12L * i;
            r.TryUInt16(e, little, out var tag);
            if (tag != 0xB002) continue;
            r.TryUInt32(e + 4, little, out var bytes);
            return (int)Math.Min(bytes / 16, int.MaxValue);
        }
        return 0;
    }

    private static bool ReadPhotoshop(ReadOnlySpan<byte> p, int offset, JpegStructure s)
    {
        // Adobe Photoshop File Formats, "Image resource blocks": "8BIM", id (2), Pascal name padded to even, size (4), data padded to even.
        var ids = new List<int>();
        var i = PhotoshopId.Length;
        var r = new JpegSpanReader(p);
        while (i < p.Length)
        {
            if (!r.TrySlice(i, 4, out var signature) || !IsResourceSignature(signature) || !r.TryUInt16(i + 4, false, out var id) || !r.TryByte(i + 6, out var nameLength))
            {
                AddIssue(s, JpegStructureIssueCodes.AppInvalid, offset + i, $"Photoshop APP13: no valid resource block (8BIM, PHUT, ...) at offset {offset + i}");
                break;
            }
            var sizeAt = i + 6 + ((nameLength + 2) & ~1); // length byte plus name, padded to an even total
            if (!r.TryUInt32(sizeAt, false, out var size) || !r.Has(sizeAt + 4, size))
            {
                AddIssue(s, JpegStructureIssueCodes.AppInvalid, offset + i, $"Photoshop APP13: resource 0x{id:X4} at offset {offset + i} runs past the segment end");
                break;
            }
            ids.Add(id);
            i = (int)(sizeAt + 4 + size + (size & 1));
        }
        s.PhotoshopList.Add(new PhotoshopSegment(offset - 4, ids));
        return true;
    }

    // Besides 8BIM, Photoshop-family writers use these block signatures (ExifTool Photoshop.pm lists the same):
    // PHUT (PhotoDeluxe; seen in the camera original "Issue 125.jpg"), AgHg, DCSR, MeSa (ImageReady).
    private static bool IsResourceSignature(ReadOnlySpan<byte> s)
        => s.SequenceEqual("8BIM"u8) || s.SequenceEqual("PHUT"u8) || s.SequenceEqual("AgHg"u8) || s.SequenceEqual("DCSR"u8) || s.SequenceEqual("MeSa"u8);

    private static bool ReadAdobe(ReadOnlySpan<byte> p, int at, JpegStructure s)
    {
        // Adobe TN 5116 (DCTDecode): "Adobe", version (2), flags0 (2), flags1 (2), transform (1).
        if (p.Length < 12)
        {
            AddIssue(s, JpegStructureIssueCodes.AppInvalid, at, $"Adobe APP14 at offset {at} has {p.Length} bytes; 12 are required");
            return true;
        }
        s.Adobe ??= new AdobeSegment(at, (p[5] << 8) | p[6], (p[7] << 8) | p[8], (p[9] << 8) | p[10], p[11]);
        return true;
    }
}
