namespace Athar.Imaging.Jpeg.Structure;

/// <summary>
/// Finds the EXIF thumbnail: follows IFD0 to IFD1 (Exif 2.32 4.6.2: each IFD ends with the offset of the
/// next) and reads JPEGInterchangeFormat (0x0201) and JPEGInterchangeFormatLength (0x0202) (4.6.5 Table 3),
/// which are relative to the TIFF header. Either byte order ("II" or "MM", TIFF 6.0 section 2). Every offset
/// is checked against the TIFF block before use; an IFD1 that points back at IFD0 is reported as a loop.
/// </summary>
internal static class ExifThumbnailLocator
{
    private const ushort JpegInterchangeFormat = 0x0201, JpegInterchangeFormatLength = 0x0202;
    private const ushort TypeShort = 3, TypeLong = 4;

    public static ExifThumbnailLocation? Locate(ReadOnlySpan<byte> file, ExifSegment exif, JpegStructure s)
    {
        var reader = new JpegSpanReader(file);
        if (!reader.TrySlice(exif.TiffOffset, exif.TiffLength, out var tiff)) return null;
        var r = new JpegSpanReader(tiff);
        if (!TryTiffHeader(r, out var little, out var ifd0))
        {
            JpegStructureParser.AddIssue(s, JpegStructureIssueCodes.ExifInvalid, exif.TiffOffset, $"EXIF at offset {exif.TiffOffset}: no valid TIFF header (II*\\0 or MM\\0* with an IFD0 offset inside the block)");
            return null;
        }
        if (!TryEntries(r, ifd0, little, out var count0))
        {
            JpegStructureParser.AddIssue(s, JpegStructureIssueCodes.ExifInvalid, exif.TiffOffset + ifd0, $"EXIF IFD0 at file offset {exif.TiffOffset + ifd0} runs past the end of the EXIF block");
            return null;
        }
        if (!r.TryUInt32(ifd0 + 2 + 12L * count0, little, out var ifd1)) return null; // no next-IFD field: no thumbnail
        if (ifd1 == 0) return null;
        if (ifd1 == ifd0)
        {
            JpegStructureParser.AddIssue(s, JpegStructureIssueCodes.ExifInvalid, exif.TiffOffset + ifd0, $"EXIF IFD0 at file offset {exif.TiffOffset + ifd0} names itself as the next IFD (a loop)");
            return null;
        }
        if (!TryEntries(r, ifd1, little, out var count1))
        {
            JpegStructureParser.AddIssue(s, JpegStructureIssueCodes.ExifInvalid, exif.TiffOffset, $"EXIF IFD1 offset {ifd1} (relative to the TIFF header at file offset {exif.TiffOffset}) lies outside the {exif.TiffLength}-byte EXIF block");
            return null;
        }
        long? start = null, length = null;
        for (var i = 0; i < count1; i++)
        {
            var e = ifd1 + 2 + 12L * i;
            r.TryUInt16(e, little, out var tag);
            if (tag is not (JpegInterchangeFormat or JpegInterchangeFormatLength)) continue;
            r.TryUInt16(e + 2, little, out var type);
            long value;
            if (type == TypeLong) { r.TryUInt32(e + 8, little, out var v); value = v; }
            else if (type == TypeShort) { r.TryUInt16(e + 8, little, out var v); value = v; }
            else continue;
            if (tag == JpegInterchangeFormat) start = value; else length = value;
        }
        // IFD1 without a JPEG thumbnail (uncompressed or none); some cameras (Canon EOS D60) write both tags with length 0.
        if ((start is null && length is null) || length == 0) return null;
        if (start is null || length is null || !r.Has(start.Value, length.Value))
        {
            JpegStructureParser.AddIssue(s, JpegStructureIssueCodes.ThumbnailOutOfRange, exif.TiffOffset,
                $"EXIF thumbnail at TIFF offset {start?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(missing)"} with length {length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(missing)"} does not lie inside the {exif.TiffLength}-byte EXIF block at file offset {exif.TiffOffset}");
            return null;
        }
        var fileOffset = exif.TiffOffset + (int)start.Value;
        var startsWithSoi = tiff[(int)start.Value] == 0xFF && length.Value > 1 && tiff[(int)start.Value + 1] == 0xD8;
        return new ExifThumbnailLocation(fileOffset, (int)length.Value, startsWithSoi);
    }

    /// <summary>Reads the TIFF header: byte order, the magic 42, and IFD0's offset, which must lie inside the block.</summary>
    public static bool TryTiffHeader(JpegSpanReader r, out bool littleEndian, out uint ifd0)
    {
        littleEndian = false;
        ifd0 = 0;
        if (!r.TryUInt16(0, false, out var order)) return false;
        if (order == 0x4949) littleEndian = true;
        else if (order != 0x4D4D) return false;
        if (!r.TryUInt16(2, littleEndian, out var magic) || magic != 42) return false;
        if (!r.TryUInt32(4, littleEndian, out ifd0)) return false;
        return ifd0 >= 8 && r.Has(ifd0, 2);
    }

    /// <summary>True when the IFD at <paramref name="ifd"/> and its entries lie inside the block.</summary>
    private static bool TryEntries(JpegSpanReader r, long ifd, bool little, out ushort count)
    {
        count = 0;
        return r.TryUInt16(ifd, little, out count) && r.Has(ifd + 2, 12L * count);
    }
}
