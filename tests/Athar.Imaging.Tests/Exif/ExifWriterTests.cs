using Athar.Imaging.Exif;
using Athar.Imaging.Jpeg;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Jfif;
using MetadataExtractor.Formats.Xmp;

namespace Athar.Imaging.Tests.Exif;

public sealed class ExifWriterTests
{
    private static readonly DateTime Shot = new(2012, 3, 14, 9, 26, 53);

    private static ExifProfile Profile(bool bigEndian, byte[]? thumbnail) => new()
    {
        BigEndian = bigEndian,
        Make = "NIKON",
        Model = "COOLPIX P50",
        Software = "COOLPIX P50V1.0",
        DateTime = Shot,
        Orientation = 1,
        XResolution = new Athar.Imaging.Exif.Rational(300, 1),
        YResolution = new Athar.Imaging.Exif.Rational(300, 1),
        ResolutionUnit = 2,
        BodySerialNumber = "30012345",
        DateTimeOriginal = Shot,
        DateTimeDigitized = Shot,
        SubSecTime = "42",
        SubSecTimeOriginal = "42",
        SubSecTimeDigitized = "42",
        ExposureTime = new Athar.Imaging.Exif.Rational(1, 60),
        FNumber = new Athar.Imaging.Exif.Rational(28, 10),
        Iso = 200,
        FocalLength = new Athar.Imaging.Exif.Rational(50, 10),
        PixelXDimension = 320,
        PixelYDimension = 240,
        ExifVersion = "0230",
        Thumbnail = thumbnail,
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MetadataExtractor_reads_back_every_field(bool bigEndian)
    {
        using var image = TestImages.Gradient(320, 240);
        using var small = Resample.AreaAverage(image, 160, 120);
        var thumbnail = JpegEncoder.Shared.Encode(small, 75);
        var jpeg = JpegSegments.InsertAfterSoi(JpegEncoder.Shared.Encode(image, 90), ExifWriter.BuildApp1(Profile(bigEndian, thumbnail)));

        var directories = ImageMetadataReader.ReadMetadata(new MemoryStream(jpeg));
        Assert.Empty(directories.SelectMany(d => d.Errors));
        Assert.Empty(directories.OfType<JfifDirectory>()); // libjpeg-turbo's APP0 was dropped, as cameras do
        var ifd0 = Assert.Single(directories.OfType<ExifIfd0Directory>());
        Assert.Equal("NIKON", ifd0.GetString(ExifDirectoryBase.TagMake));
        Assert.Equal("COOLPIX P50", ifd0.GetString(ExifDirectoryBase.TagModel));
        Assert.Equal("COOLPIX P50V1.0", ifd0.GetString(ExifDirectoryBase.TagSoftware));
        Assert.Equal("2012:03:14 09:26:53", ifd0.GetString(ExifDirectoryBase.TagDateTime));
        Assert.Equal(1, ifd0.GetInt32(ExifDirectoryBase.TagOrientation));
        Assert.Equal(300.0, ifd0.GetRational(ExifDirectoryBase.TagXResolution).ToDouble());
        Assert.Equal(300.0, ifd0.GetRational(ExifDirectoryBase.TagYResolution).ToDouble());
        Assert.Equal(2, ifd0.GetInt32(ExifDirectoryBase.TagResolutionUnit));

        var sub = Assert.Single(directories.OfType<ExifSubIfdDirectory>());
        Assert.Equal("2012:03:14 09:26:53", sub.GetString(ExifDirectoryBase.TagDateTimeOriginal));
        Assert.Equal("2012:03:14 09:26:53", sub.GetString(ExifDirectoryBase.TagDateTimeDigitized));
        Assert.Equal("42", sub.GetString(ExifDirectoryBase.TagSubsecondTime));
        Assert.Equal("42", sub.GetString(ExifDirectoryBase.TagSubsecondTimeOriginal));
        Assert.Equal("42", sub.GetString(ExifDirectoryBase.TagSubsecondTimeDigitized));
        Assert.Equal(new MetadataExtractor.Rational(1, 60), sub.GetRational(ExifDirectoryBase.TagExposureTime));
        Assert.Equal(2.8, sub.GetRational(ExifDirectoryBase.TagFNumber).ToDouble(), 6);
        Assert.Equal(200, sub.GetInt32(ExifDirectoryBase.TagIsoEquivalent));
        Assert.Equal(5.0, sub.GetRational(ExifDirectoryBase.TagFocalLength).ToDouble(), 6);
        Assert.Equal(320, sub.GetInt32(ExifDirectoryBase.TagExifImageWidth));
        Assert.Equal(240, sub.GetInt32(ExifDirectoryBase.TagExifImageHeight));
        Assert.Equal("0230", System.Text.Encoding.ASCII.GetString(sub.GetByteArray(ExifDirectoryBase.TagExifVersion)!));
        Assert.Equal("30012345", sub.GetString(ExifDirectoryBase.TagBodySerialNumber));
        Assert.True(sub.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var original));
        Assert.Equal(Shot, original);

        var ifd1 = Assert.Single(directories.OfType<ExifThumbnailDirectory>());
        Assert.Equal(6, ifd1.GetInt32(ExifDirectoryBase.TagCompression));
        Assert.Equal(thumbnail.Length, ifd1.GetInt32(ExifThumbnailDirectory.TagThumbnailLength));
        Assert.Equal(thumbnail, ExifThumbnail.Extract(jpeg));
    }

    [Fact]
    public void The_thumbnail_matches_its_image()
    {
        using var image = TestImages.Gradient(320, 240);
        using var small = Resample.AreaAverage(image, 160, 120);
        var jpeg = JpegSegments.InsertAfterSoi(JpegEncoder.Shared.Encode(image, 90), ExifWriter.BuildApp1(Profile(false, JpegEncoder.Shared.Encode(small, 75))));
        var thumbnailBytes = ExifThumbnail.Extract(jpeg);
        Assert.NotNull(thumbnailBytes);
        using var thumbnail = JpegDecoder.Shared.Decode(thumbnailBytes);
        using var main = JpegDecoder.Shared.Decode(jpeg, PixelLayout.Rgb24, JpegScale.Half);
        using var reduced = Resample.AreaAverage(main, 160, 120);
        Assert.True(TestImages.MeanAbsoluteDifference(thumbnail, reduced) < 4);
    }

    [Fact]
    public void Without_a_thumbnail_there_is_no_ifd1()
    {
        var tiff = ExifWriter.BuildTiff(Profile(false, null));
        var app1 = ExifWriter.BuildApp1(Profile(false, null));
        Assert.Equal(tiff.Length + 10, app1.Length);
        using var image = TestImages.Gradient(32, 32);
        var jpeg = JpegSegments.InsertAfterSoi(JpegEncoder.Shared.Encode(image, 90), app1);
        var directories = ImageMetadataReader.ReadMetadata(new MemoryStream(jpeg));
        Assert.Empty(directories.OfType<ExifThumbnailDirectory>());
        Assert.Null(ExifThumbnail.Extract(jpeg));
    }

    [Fact]
    public void An_oversized_thumbnail_is_refused()
        => Assert.Throws<InvalidOperationException>(() => ExifWriter.BuildTiff(Profile(false, new byte[70_000])));

    [Fact]
    public void Xmp_packet_carries_the_creator_tool()
    {
        using var image = TestImages.Gradient(32, 32);
        var xmp = XmpPacket.BuildApp1("Adobe Photoshop CS6 (Windows)", Shot.AddDays(30), Shot);
        var jpeg = JpegSegments.InsertAfterSoi(JpegEncoder.Shared.Encode(image, 90), ExifWriter.BuildApp1(Profile(false, null)), xmp);
        var directories = ImageMetadataReader.ReadMetadata(new MemoryStream(jpeg));
        var directory = Assert.Single(directories.OfType<XmpDirectory>());
        var tool = directory.XmpMeta!.GetPropertyString("http://ns.adobe.com/xap/1.0/", "xmp:CreatorTool");
        Assert.Equal("Adobe Photoshop CS6 (Windows)", tool);
    }
}
