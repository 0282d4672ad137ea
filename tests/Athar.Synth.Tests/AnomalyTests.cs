using Athar.Imaging.Exif;
using Athar.Imaging.Jpeg;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using Athar.Synth.Output;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Xmp;

namespace Athar.Synth.Tests;

public sealed class AnomalyTests(SynthArchiveFixture archive) : IClassFixture<SynthArchiveFixture>
{
    private static RectI Rect(GroundTruthRect r) => new(r.X, r.Y, r.Width, r.Height);

    [Fact]
    public void Cloned_rectangles_repeat_pixels()
    {
        var plain = archive.With(AnomalyType.Clone)
            .Select(f => (File: f, Anomaly: f.Anomalies.Single(a => a.Type == "clone")))
            .Where(x => x.Anomaly.Detail == "copied as is")
            .ToList();
        Assert.NotEmpty(archive.With(AnomalyType.Clone));
        foreach (var (file, anomaly) in plain)
        {
            using var image = Pixels.Decode(archive.Full(file.Path));
            var target = Rect(anomaly.Region!);
            var source = Rect(anomaly.SourceRegion!);
            var same = Pixels.RegionDifference(image, target, image, source);
            Assert.True(same < 4, $"{file.Path}: cloned region differs by {same:0.0} from its source");
        }
        // Every clone, scaled or turned too, changed the pixels where the ground truth says.
        foreach (var file in archive.With(AnomalyType.Clone))
        {
            var region = file.Anomalies.Single(a => a.Type == "clone").Region!;
            Assert.True(region.X >= 0 && region.Y >= 0 && region.X + region.Width <= 320 && region.Y + region.Height <= 240);
        }
    }

    [Fact]
    public void Spliced_rectangles_come_from_the_donor_photo_of_another_camera()
    {
        var byPath = archive.Truth.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var file in archive.With(AnomalyType.Splice))
        {
            var anomaly = file.Anomalies.Single(a => a.Type == "splice");
            var donor = byPath[anomaly.Source!];
            Assert.NotEqual(file.Camera, donor.Camera);
            using var image = Pixels.Decode(archive.Full(file.Path));
            if (donor.Anomalies.Any(a => a.Type is "corrupt" or "resaved" or "clone" or "splice")) continue; // donor file itself altered
            using var donorImage = Pixels.Decode(archive.Full(donor.Path));
            var difference = Pixels.RegionDifference(image, Rect(anomaly.Region!), donorImage, Rect(anomaly.SourceRegion!));
            Assert.True(difference < 5, $"{file.Path}: spliced region differs by {difference:0.0} from the donor");
        }
    }

    [Fact]
    public void Resaved_files_carry_the_editor_and_new_quantisation_tables()
    {
        var clean = archive.Clean.First();
        foreach (var file in archive.With(AnomalyType.Resaved))
        {
            var bytes = File.ReadAllBytes(archive.Full(file.Path));
            var directories = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes));
            Assert.Equal("Adobe Photoshop CS6 (Windows)", directories.OfType<ExifIfd0Directory>().Single().GetString(ExifDirectoryBase.TagSoftware));
            Assert.Equal("Adobe Photoshop CS6 (Windows)", directories.OfType<XmpDirectory>().Single().XmpMeta!.GetPropertyString("http://ns.adobe.com/xap/1.0/", "xmp:CreatorTool"));
            Assert.Equal(JpegSubsampling.Yuv444, JpegDecoder.Shared.ReadHeader(bytes).Subsampling);
            var sameCamera = archive.Clean.FirstOrDefault(f => f.Camera == file.Camera) ?? clean;
            var cameraTables = JpegSegments.QuantizationTables(File.ReadAllBytes(archive.Full(sameCamera.Path)));
            Assert.NotEqual(cameraTables[0], JpegSegments.QuantizationTables(bytes)[0]);
            // The EXIF thumbnail is the camera's, so it no longer matches the edited image.
            Assert.True(ThumbnailDifference(bytes) > ThumbnailDifference(File.ReadAllBytes(archive.Full(sameCamera.Path))) + 2);
        }
    }

    [Fact]
    public void Stripped_files_have_no_exif()
    {
        foreach (var file in archive.With(AnomalyType.Stripped))
        {
            var bytes = File.ReadAllBytes(archive.Full(file.Path));
            var directories = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes));
            Assert.Empty(directories.OfType<ExifDirectoryBase>());
            Assert.DoesNotContain(JpegSegments.ReadHeader(bytes), s => s.Marker == JpegSegments.App1);
            Assert.Null(ExifThumbnail.Extract(bytes));
            Assert.Null(file.CameraTime);
        }
    }

    [Fact]
    public void Foreign_photos_come_from_outside_the_archive_before_its_period()
    {
        foreach (var file in archive.With(AnomalyType.Foreign))
        {
            var camera = archive.Truth.Cameras.Single(c => c.Id == file.Camera);
            Assert.True(camera.Foreign);
            Assert.Null(file.Case);
            Assert.True(string.CompareOrdinal(file.ShotAt, archive.Truth.Options.Start) < 0);
            Assert.DoesNotContain(archive.Truth.Cases, c => c.Photos.Contains(file.Path));
            var bytes = File.ReadAllBytes(archive.Full(file.Path));
            if (file.Anomalies.Any(a => a.Type is "stripped" or "corrupt")) continue;
            var ifd0 = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes)).OfType<ExifIfd0Directory>().Single();
            Assert.Equal(camera.Model, ifd0.GetString(ExifDirectoryBase.TagModel));
        }
        Assert.DoesNotContain(archive.Truth.Cameras.Where(c => !c.Foreign), c => archive.Truth.Cameras.Any(d => d.Model == c.Model && d.Foreign));
    }

    [Fact]
    public void Clock_resets_show_in_the_exif_dates()
    {
        foreach (var file in archive.With(AnomalyType.Clock))
        {
            Assert.StartsWith("2000-01-01T", file.CameraTime ?? "2000-01-01T");
            if (file.CameraTime is null || file.Anomalies.Any(a => a.Type == "corrupt")) continue;
            var bytes = File.ReadAllBytes(archive.Full(file.Path));
            var sub = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes)).OfType<ExifSubIfdDirectory>().Single();
            Assert.StartsWith("2000:01:01 ", sub.GetString(ExifDirectoryBase.TagDateTimeOriginal));
            Assert.StartsWith("2011-", file.ShotAt);
        }
    }

    /// <summary>How far the EXIF thumbnail is from the image it sits in (mean absolute difference, 0..255).</summary>
    internal static double ThumbnailDifference(byte[] jpeg)
    {
        var thumbnailBytes = ExifThumbnail.Extract(jpeg) ?? throw new InvalidOperationException("no thumbnail");
        using var thumbnail = JpegDecoder.Shared.Decode(thumbnailBytes);
        using var main = JpegDecoder.Shared.Decode(jpeg);
        using var reduced = Resample.AreaAverage(main, thumbnail.Width, thumbnail.Height);
        return Pixels.Difference(thumbnail, reduced);
    }
}
