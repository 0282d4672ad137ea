using Athar.Imaging.Exif;
using Athar.Imaging.Jpeg;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Imaging.Tests.Exif;

public sealed class ExifThumbnailTests
{
    private static byte[] Tiff(bool bigEndian)
    {
        using var image = TestImages.Gradient(32, 24);
        var thumbnail = JpegEncoder.Shared.Encode(image, 70);
        return ExifWriter.BuildTiff(new ExifProfile { BigEndian = bigEndian, Make = "X", Model = "Y", Thumbnail = thumbnail });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Finds_the_thumbnail_in_either_byte_order(bool bigEndian)
    {
        var thumbnail = ExifThumbnail.FromTiff(Tiff(bigEndian));
        Assert.NotNull(thumbnail);
        Assert.Equal(32, JpegDecoder.Shared.ReadHeader(thumbnail).Width);
    }

    [Fact]
    public void Every_single_byte_change_is_survived()
    {
        // A gremlin pass in the manner of metadata-extractor's ExifReaderGremlinTest: each byte set to
        // 0x00 and 0xFF in turn; the reader may find nothing, but must never throw.
        var tiff = Tiff(false);
        var limit = Math.Min(tiff.Length, 400);
        foreach (var value in new byte[] { 0x00, 0xFF })
        {
            for (var i = 0; i < limit; i++)
            {
                var copy = (byte[])tiff.Clone();
                copy[i] = value;
                _ = ExifThumbnail.FromTiff(copy);
                _ = JpegSegments.ReadHeader(JpegSegments.Build(JpegSegments.App1, copy));
            }
        }
        Assert.Null(ExifThumbnail.FromTiff(tiff.AsSpan(0, 7)));
        Assert.Null(ExifThumbnail.Extract(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }));
    }
}
