using Athar.Imaging.Jpeg;
using Athar.Imaging.TurboJpeg;

namespace Athar.Imaging.Tests.Jpeg;

public sealed class JpegSegmentsTests
{
    private static byte[] Encoded()
    {
        using var image = TestImages.Gradient(48, 32);
        return JpegEncoder.Shared.Encode(image, 85);
    }

    [Fact]
    public void Reads_the_header_up_to_the_scan()
    {
        var segments = JpegSegments.ReadHeader(Encoded());
        Assert.Equal(JpegSegments.App0, segments[0].Marker);
        Assert.Equal(JpegSegments.Sos, segments[^1].Marker);
        Assert.Contains(segments, s => s.Marker == 0xDB);
        Assert.Contains(segments, s => s.Marker == 0xC0);
    }

    [Fact]
    public void Insert_puts_segments_after_soi_and_drops_jfif()
    {
        var jpeg = Encoded();
        var comment = JpegSegments.Build(0xE5, "hello"u8);
        var result = JpegSegments.InsertAfterSoi(jpeg, comment);
        var segments = JpegSegments.ReadHeader(result);
        Assert.Equal(0xE5, segments[0].Marker);
        Assert.Equal(2, segments[0].Offset);
        Assert.DoesNotContain(segments, s => s.Marker == JpegSegments.App0);
        Assert.Equal("hello"u8.ToArray(), JpegSegments.Payload(result, segments[0]).ToArray());
        // Everything from the first quantisation table on is unchanged.
        var dqtOld = JpegSegments.ReadHeader(jpeg).First(s => s.Marker == 0xDB).Offset;
        var dqtNew = segments.First(s => s.Marker == 0xDB).Offset;
        Assert.Equal(jpeg.AsSpan(dqtOld).ToArray(), result.AsSpan(dqtNew).ToArray());
    }

    [Fact]
    public void Strip_leaves_only_jfif()
    {
        var jpeg = JpegSegments.InsertAfterSoi(Encoded(), JpegSegments.Build(0xE1, "Exif\0\0xxxx"u8), JpegSegments.Build(0xFE, "note"u8));
        var stripped = JpegSegments.StripMetadata(jpeg);
        var apps = JpegSegments.ReadHeader(stripped).Where(s => s.IsApp || s.IsComment).ToList();
        Assert.Equal(JpegSegments.App0, Assert.Single(apps).Marker);
        Assert.Equal(48, JpegDecoder.Shared.ReadHeader(stripped).Width);
    }

    [Fact]
    public void Hostile_input_ends_the_walk_without_throwing()
    {
        Assert.Empty(JpegSegments.ReadHeader(new byte[] { 0xFF, 0xD8 }));
        Assert.Empty(JpegSegments.ReadHeader(new byte[] { 0x00, 0x01, 0x02, 0x03 }));
        Assert.Empty(JpegSegments.ReadHeader(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0x00 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegSegments.Build(0xE1, new byte[65534]));
    }
}
