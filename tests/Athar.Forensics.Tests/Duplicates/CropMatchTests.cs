using Athar.Forensics.Duplicates;
using Athar.Forensics.Pdq;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Forensics.Tests.Duplicates;

/// <summary>Thumbnails are exact, a crop is found in its original, and another shot of the same scene is not taken for one.</summary>
public sealed class CropMatchTests
{
    [Fact]
    public void Thumbnail_cells_are_exact_rounded_means_of_integer_luma()
    {
        using var gray = ImageBuffer.Create(64, 64, PixelLayout.Gray8);
        using var rgb = ImageBuffer.Create(64, 64, PixelLayout.Rgb24);
        for (var y = 0; y < 64; y++)
            for (var x = 0; x < 64; x++)
            {
                gray.Row(y)[x] = (byte)(x + y);
                rgb.Row(y)[3 * x] = rgb.Row(y)[3 * x + 1] = rgb.Row(y)[3 * x + 2] = (byte)(x + y);
            }
        var expected = new byte[32 * 32];
        // Cell (i, j) holds pixels 2i..2i+1 by 2j..2j+1, whose mean is 2i + 2j + 1 exactly.
        for (var i = 0; i < 32; i++) for (var j = 0; j < 32; j++) expected[i * 32 + j] = (byte)(2 * i + 2 * j + 1);
        Assert.Equal(expected, PdqThumbnail.Make(gray, 32));
        Assert.Equal(expected, PdqThumbnail.Make(rgb, 32));
        Assert.Null(PdqThumbnail.Make(gray, 65));
    }

    [Fact]
    public void The_jpeg_thumbnail_is_the_same_on_every_run_and_comes_with_the_frame_size()
    {
        using var scene = Render(320, 240, 0, 1, 0, 0, 0);
        var jpeg = JpegEncoder.Shared.Encode(scene, 90, JpegSubsampling.Yuv420);
        var options = PdqOptions.Default with { Dihedral = true, ThumbnailSide = 32 };
        var first = PdqJpeg.Hash(jpeg, options);
        var second = PdqJpeg.Hash(jpeg, options);
        Assert.Equal(320, first.Width);
        Assert.Equal(240, first.Height);
        Assert.NotNull(first.Thumbnail);
        Assert.Equal(first.Thumbnail, second.Thumbnail);
        Assert.Equal(first.Hash, PdqJpeg.Hash(jpeg, PdqOptions.Default).Hash);
    }

    [Fact]
    public void A_crop_is_found_where_it_was_cut_and_another_shot_is_not()
    {
        using var original = Render(320, 240, 0, 1, 0, 0, 0);
        using var other = Render(320, 240, 3.5, 1.08, 0.03, -0.02, 0.2);
        using var cut = original.Crop(new RectI(29, 14, 272, 204));
        var o = Thumbnail(original);
        var s = Thumbnail(other);
        var c = Thumbnail(cut, 88);

        var fit = Fit(c, o);
        Assert.True(fit.Correlation >= NearDuplicateClustering.CropCorrelation, $"crop correlation {fit.Correlation:F4}");
        Assert.InRange(fit.Scale, 0.83, 0.87);
        Assert.InRange(fit.Left, 29 / 320.0 - 0.02, 29 / 320.0 + 0.02);
        Assert.InRange(fit.Top, 14 / 240.0 - 0.02, 14 / 240.0 + 0.02);

        var wrong = Fit(c, s);
        Assert.True(wrong.Correlation < NearDuplicateClustering.CropCorrelation, $"other shot correlation {wrong.Correlation:F4}");
        Assert.True(wrong.Correlation < fit.Correlation);
    }

    [Fact]
    public void Clustering_joins_a_crop_to_its_own_shot_and_keeps_two_shots_apart()
    {
        using var shotA = Render(320, 240, 0, 1, 0, 0, 0);
        using var shotB = Render(320, 240, 3.5, 1.08, 0.03, -0.02, 0.2);
        using var cut = shotA.Crop(new RectI(29, 14, 272, 204));
        var random = new Random(5);
        PdqHash Random() => new((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64());
        NearDuplicateCandidate Item(string id, ImageBuffer image, string? exposure, int quality = 88)
        {
            var hash = Random();
            return new NearDuplicateCandidate(id.PadRight(12, '0'), hash, [hash, .. Enumerable.Range(0, 7).Select(_ => Random())], 100,
                exposure is null ? null : "cam", exposure)
            { Width = image.Width, Height = image.Height, Thumbnail = Thumbnail(image, quality) };
        }
        var items = new[] { Item("bbb", shotB, "2"), Item("ccc", cut, null), Item("aaa", shotA, "1") };

        var grouping = NearDuplicateClustering.Group(items, TestContext.Current.CancellationToken);

        var group = Assert.Single(grouping.Groups);
        Assert.Equal(["aaa000000000", "ccc000000000"], group.Members.Select(m => items[m].ItemId).Order());
        var link = Assert.Single(grouping.Crops).Value;
        Assert.Equal((1, 2), (link.Crop, link.Original));

        // The geometry must allow a crop: an "original" no larger than the crop, or of another shape, is not one.
        foreach (var (width, height) in new[] { (272, 204), (400, 204) })
        {
            items[2] = items[2] with { Width = width, Height = height };
            var refused = NearDuplicateClustering.Group(items, TestContext.Current.CancellationToken);
            Assert.Empty(refused.Groups);
            Assert.Equal(0, refused.CropLinks);
        }
    }

    private static CropFit Fit(byte[] crop, byte[] original)
    {
        var cropTable = CropMatch.Table(crop);
        var c4 = new double[16];
        var c16 = new double[256];
        CropMatch.Whole(cropTable, 4, c4);
        CropMatch.Whole(cropTable, 16, c16);
        var originalTable = CropMatch.Table(original);
        var (_, window) = CropMatch.Coarse(c4, CropMatch.LatticeGrids(originalTable));
        return CropMatch.Refine(c16, originalTable, window);
    }

    private static byte[] Thumbnail(ImageBuffer image, int quality = 90) =>
        PdqJpeg.Hash(JpegEncoder.Shared.Encode(image, quality, JpegSubsampling.Yuv420), PdqOptions.Default with { ThumbnailSide = 32 }).Thumbnail!;

    /// <summary>
    /// A smooth synthetic scene (blobs and waves) seen by a camera turned by <paramref name="degrees"/>, zoomed by
    /// <paramref name="zoom"/> and shifted by a fraction of the frame, lit with a left-to-right gradient.
    /// </summary>
    private static ImageBuffer Render(int width, int height, double degrees, double zoom, double shiftX, double shiftY, double gradient)
    {
        var image = ImageBuffer.Create(width, height, PixelLayout.Rgb24);
        var random = new Random(42);
        var blobs = Enumerable.Range(0, 14).Select(_ => (X: random.NextDouble() * 1.4 - 0.2, Y: random.NextDouble() * 1.4 - 0.2, R: 0.04 + random.NextDouble() * 0.12, A: random.NextDouble() * 160 - 80)).ToArray();
        var (cos, sin) = (Math.Cos(degrees * Math.PI / 180), Math.Sin(degrees * Math.PI / 180));
        for (var y = 0; y < height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < width; x++)
            {
                var dx = (x - width / 2.0) / width / zoom;
                var dy = (y - height / 2.0) / width / zoom;
                var u = 0.5 + shiftX + dx * cos - dy * sin;
                var v = 0.5 * height / width + shiftY + dx * sin + dy * cos;
                var value = 120 + 30 * Math.Sin(9 * u + 4 * v) + 20 * Math.Cos(17 * v - 5 * u);
                foreach (var b in blobs) value += b.A * Math.Exp(-((u - b.X) * (u - b.X) + (v - b.Y) * (v - b.Y)) / (b.R * b.R));
                value *= 1 + gradient * ((double)x / width - 0.5);
                var level = (byte)Math.Clamp(Math.Round(value), 0, 255);
                row[3 * x] = level;
                row[3 * x + 1] = (byte)Math.Clamp(level + 10, 0, 255);
                row[3 * x + 2] = (byte)Math.Clamp(level - 10, 0, 255);
            }
        }
        return image;
    }
}
