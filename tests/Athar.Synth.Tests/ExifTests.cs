using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Jfif;

namespace Athar.Synth.Tests;

public sealed class ExifTests(SynthArchiveFixture archive) : IClassFixture<SynthArchiveFixture>
{
    [Fact]
    public void Camera_originals_carry_every_field_the_camera_writes()
    {
        var checkedFiles = 0;
        foreach (var file in archive.Originals.Where(f => f.Anomalies.All(a => a.Type == "clock")))
        {
            var camera = archive.Truth.Cameras.Single(c => c.Id == file.Camera);
            var directories = ImageMetadataReader.ReadMetadata(archive.Full(file.Path));
            Assert.Empty(directories.SelectMany(d => d.Errors));
            Assert.Empty(directories.OfType<JfifDirectory>());
            var ifd0 = directories.OfType<ExifIfd0Directory>().Single();
            var sub = directories.OfType<ExifSubIfdDirectory>().Single();
            Assert.Equal(camera.Make, ifd0.GetString(ExifDirectoryBase.TagMake));
            Assert.Equal(camera.Model, ifd0.GetString(ExifDirectoryBase.TagModel));
            Assert.Equal(camera.Software, ifd0.GetString(ExifDirectoryBase.TagSoftware));
            Assert.Equal(1, ifd0.GetInt32(ExifDirectoryBase.TagOrientation));
            Assert.Equal(300.0, ifd0.GetRational(ExifDirectoryBase.TagXResolution).ToDouble());
            Assert.Equal(300.0, ifd0.GetRational(ExifDirectoryBase.TagYResolution).ToDouble());
            Assert.Equal(2, ifd0.GetInt32(ExifDirectoryBase.TagResolutionUnit));
            var exifTime = DateTime.ParseExact(file.CameraTime!, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture).ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture);
            Assert.Equal(exifTime, ifd0.GetString(ExifDirectoryBase.TagDateTime));
            Assert.Equal(exifTime, sub.GetString(ExifDirectoryBase.TagDateTimeOriginal));
            Assert.Equal(exifTime, sub.GetString(ExifDirectoryBase.TagDateTimeDigitized));
            Assert.Matches("^[0-9]{2}$", sub.GetString(ExifDirectoryBase.TagSubsecondTime));
            Assert.Equal(sub.GetString(ExifDirectoryBase.TagSubsecondTime), sub.GetString(ExifDirectoryBase.TagSubsecondTimeOriginal));
            Assert.Equal(sub.GetString(ExifDirectoryBase.TagSubsecondTime), sub.GetString(ExifDirectoryBase.TagSubsecondTimeDigitized));
            Assert.Equal(camera.Serial, sub.GetString(ExifDirectoryBase.TagBodySerialNumber));
            Assert.InRange(sub.GetRational(ExifDirectoryBase.TagExposureTime).ToDouble(), 1 / 125.0, 1 / 15.0);
            Assert.InRange(sub.GetRational(ExifDirectoryBase.TagFNumber).ToDouble(), 2.5, 12);
            Assert.Contains(sub.GetInt32(ExifDirectoryBase.TagIsoEquivalent), new[] { 100, 200, 400 });
            Assert.True(sub.GetRational(ExifDirectoryBase.TagFocalLength).ToDouble() > 3);
            Assert.Equal(archive.Options.Width, sub.GetInt32(ExifDirectoryBase.TagExifImageWidth));
            Assert.Equal(archive.Options.Height, sub.GetInt32(ExifDirectoryBase.TagExifImageHeight));
            Assert.Equal("0230", System.Text.Encoding.ASCII.GetString(sub.GetByteArray(ExifDirectoryBase.TagExifVersion)!));
            Assert.Single(directories.OfType<ExifThumbnailDirectory>());
            checkedFiles++;
        }
        Assert.True(checkedFiles > 20, $"only {checkedFiles} clean originals");
    }

    [Fact]
    public void Thumbnails_match_their_images()
    {
        foreach (var file in archive.Clean.Take(25))
        {
            var difference = AnomalyTests.ThumbnailDifference(File.ReadAllBytes(archive.Full(file.Path)));
            Assert.True(difference < 4, $"{file.Path}: thumbnail differs by {difference:0.0}");
        }
    }

    [Fact]
    public void Camera_models_have_distinct_quantisation_tables()
    {
        var tables = archive.Clean.GroupBy(f => archive.Truth.Cameras.Single(c => c.Id == f.Camera).Model)
            .Select(g => Convert.ToHexString(Athar.Imaging.Jpeg.JpegSegments.QuantizationTables(File.ReadAllBytes(archive.Full(g.First().Path)))[0]))
            .ToList();
        Assert.True(tables.Count >= 3);
        Assert.Equal(tables.Count, tables.Distinct().Count());
    }
}
