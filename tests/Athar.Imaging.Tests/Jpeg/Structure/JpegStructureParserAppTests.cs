using System.Text;
using Athar.Imaging.Jpeg.Structure;
using static Athar.Imaging.Tests.Jpeg.Structure.SyntheticJpeg;

namespace Athar.Imaging.Tests.Jpeg.Structure;

/// <summary>The APPn inventory and the EXIF thumbnail walk, over single synthetic segments (STYLE habit 14).</summary>
public sealed class JpegStructureParserAppTests
{
    private static string[] Codes(JpegStructure s) => [.. s.Issues.Select(i => i.Code)];

    [Fact]
    public void Jfif_version_and_density_are_read()
    {
        var s = JpegStructureParser.Parse(Minimal(null, Segment(0xE0, [.. "JFIF\0"u8, 1, 2, 1, 0, 72, 0, 96, 0, 0])));
        Assert.Equal(new JfifSegment(2, 1, 2, 1, 72, 96, 0, 0), s.Jfif);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Exif_thumbnail_is_found_in_both_byte_orders(bool littleEndian)
    {
        var (app1, thumbInSegment) = ExifWithThumbnail(littleEndian);
        var s = JpegStructureParser.Parse(Minimal(null, app1));
        Assert.Empty(s.Issues);
        var exif = Assert.IsType<ExifSegment>(s.Exif);
        Assert.Equal((2, 2 + 4 + 6, app1.Length - 10), (exif.Offset, exif.TiffOffset, exif.TiffLength));
        Assert.Equal(new ExifThumbnailLocation(2 + thumbInSegment, 6, true), s.ExifThumbnail);
    }

    [Fact]
    public void An_ifd_that_points_at_itself_is_a_loop()
    {
        var (app1, _) = ExifWithThumbnail(littleEndian: true, ifd1Override: 8);
        var s = JpegStructureParser.Parse(Minimal(null, app1));
        Assert.Equal([JpegStructureIssueCodes.ExifInvalid], Codes(s));
        Assert.Null(s.ExifThumbnail);
    }

    [Theory]
    [InlineData(0xFFFF_FFF0u, null)]
    [InlineData(null, 0x7FFF_FFFFu)]
    [InlineData(null, 60u)] // thumbnail would run 2 bytes past the block
    public void Offsets_outside_the_exif_block_are_reported(uint? ifd1, uint? thumbnail)
    {
        var (app1, _) = ExifWithThumbnail(littleEndian: false, ifd1, thumbnail);
        var s = JpegStructureParser.Parse(Minimal(null, app1));
        Assert.Single(s.Issues);
        Assert.Contains(s.Issues[0].Code, new[] { JpegStructureIssueCodes.ExifInvalid, JpegStructureIssueCodes.ThumbnailOutOfRange });
        Assert.Null(s.ExifThumbnail);
        Assert.NotNull(s.Exif);
    }

    [Fact]
    public void A_bad_tiff_header_is_reported_not_thrown()
    {
        var s = JpegStructureParser.Parse(Minimal(null, Segment(0xE1, [.. "Exif\0\0"u8, (byte)'I', (byte)'I', 43, 0])));
        Assert.Equal([JpegStructureIssueCodes.ExifInvalid], Codes(s));
    }

    [Fact]
    public void Xmp_packet_text_is_kept()
    {
        const string packet = "<x:xmpmeta xmlns:x='adobe:ns:meta/'>ü</x:xmpmeta>";
        var s = JpegStructureParser.Parse(Minimal(null, Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.UTF8.GetBytes(packet)])));
        Assert.Equal(packet, Assert.Single(s.Xmp).Packet);
    }

    [Fact]
    public void Icc_chunks_are_listed_in_order()
    {
        var s = JpegStructureParser.Parse(Minimal(null,
            Segment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 2, 0xAA, 0xBB]),
            Segment(0xE2, [.. "ICC_PROFILE\0"u8, 2, 2, 0xCC])));
        Assert.Empty(s.Issues);
        Assert.Equal([(1, 2, 2), (2, 2, 1)], s.IccChunks.Select(c => (c.Sequence, c.Count, c.DataLength)));
        Assert.Equal(2 + 4 + 14, s.IccChunks[0].DataOffset);
    }

    [Fact]
    public void Photoshop_resource_ids_are_listed()
    {
        byte[] block1 = [.. "8BIM"u8, 0x04, 0x04, 0, 0, 0, 0, 0, 3, 1, 2, 3, 0]; // IPTC, empty name, 3 bytes padded to 4
        byte[] block2 = [.. "8BIM"u8, 0x04, 0x25, 2, (byte)'a', (byte)'b', 0, 0, 0, 0, 0]; // name "ab" padded, no data
        var s = JpegStructureParser.Parse(Minimal(null, Segment(0xED, [.. "Photoshop 3.0\0"u8, .. block1, .. block2])));
        Assert.Empty(s.Issues);
        Assert.Equal([0x0404, 0x0425], Assert.Single(s.Photoshop).ResourceIds);
    }

    [Fact]
    public void A_broken_photoshop_block_keeps_the_ids_before_it()
    {
        byte[] block1 = [.. "8BIM"u8, 0x04, 0x04, 0, 0, 0, 0, 0, 0];
        byte[] broken = [.. "8BIM"u8, 0x04, 0x0C, 0, 0, 0xFF, 0xFF, 0xFF, 0xF0];
        var s = JpegStructureParser.Parse(Minimal(null, Segment(0xED, [.. "Photoshop 3.0\0"u8, .. block1, .. broken])));
        Assert.Equal([JpegStructureIssueCodes.AppInvalid], Codes(s));
        Assert.Equal([0x0404], s.Photoshop[0].ResourceIds);
    }

    [Fact]
    public void Adobe_app14_transform_is_read()
    {
        var s = JpegStructureParser.Parse(Minimal(null, Segment(0xEE, [.. "Adobe"u8, 0, 100, 0, 0, 0, 0, 1])));
        Assert.Equal(new AdobeSegment(2, 100, 0, 0, 1), s.Adobe);
    }

    [Fact]
    public void Mpf_image_count_comes_from_the_mp_entry_tag()
    {
        // Big-endian index IFD with MPVersion and MPEntry (2 images x 16 bytes = 32), values left out: only the count matters.
        byte[] tiff = [.. "MM"u8, 0, 42, 0, 0, 0, 8, 0, 2, 0xB0, 0x00, 0, 7, 0, 0, 0, 4, .. "0100"u8, 0xB0, 0x02, 0, 7, 0, 0, 0, 32, 0, 0, 0, 50, 0, 0, 0, 0];
        var s = JpegStructureParser.Parse(Minimal(null, Segment(0xE2, [.. "MPF\0"u8, .. tiff])));
        Assert.Empty(s.Issues);
        var mpf = Assert.Single(s.Mpf);
        Assert.Equal((2 + 4 + 4, tiff.Length, 2), (mpf.TiffOffset, mpf.TiffLength, mpf.ImageCount));
    }

    [Fact]
    public void Unknown_app_segments_keep_their_identifier()
    {
        var s = JpegStructureParser.Parse(Minimal(null, Segment(0xEA, [.. "AROT\0"u8, 1, 2]), Segment(0xE4, 0x01, 0x02), Segment(0xE1, [.. "http://ns.adobe.com/xmp/extension/\0"u8])));
        Assert.Equal([(10, "AROT"), (4, ""), (1, "http://ns.adobe.com/xmp/extension/")], s.UnknownApps.Select(a => (a.AppNumber, a.Identifier)));
    }

    [Fact]
    public void Comments_keep_every_byte()
    {
        var s = JpegStructureParser.Parse(Minimal(null, Segment(0xFE, [.. "made by "u8, 0xE9, 0x00])));
        Assert.Equal("made by é\0", Assert.Single(s.Comments).Text);
    }
}
