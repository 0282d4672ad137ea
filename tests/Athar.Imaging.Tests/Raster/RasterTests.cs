using Athar.Imaging.Raster;

namespace Athar.Imaging.Tests.Raster;

public sealed class RasterTests
{
    [Fact]
    public void Crop_and_paste_move_exact_pixels()
    {
        using var image = TestImages.Gradient(50, 40);
        using var patch = image.Crop(new RectI(5, 6, 10, 8));
        using var target = ImageBuffer.Create(50, 40, PixelLayout.Rgb24);
        target.Paste(patch, 30, 20);
        for (var y = 0; y < 8; y++)
            Assert.Equal(image.Row(6 + y).Slice(15, 30).ToArray(), target.Row(20 + y).Slice(90, 30).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Crop(new RectI(45, 0, 10, 10)));
    }

    [Fact]
    public void Identity_warp_copies_the_texture()
    {
        using var texture = TestImages.Gradient(20, 16);
        using var target = ImageBuffer.Create(40, 30, PixelLayout.Rgb24);
        Draw.WarpQuad(target, texture, new Homography(1, 0, 10, 0, 1, 5, 0, 0));
        for (var y = 0; y < 16; y++)
            Assert.Equal(texture.Row(y).ToArray(), target.Row(5 + y).Slice(30, 60).ToArray());
        Assert.Equal(0, target.Row(0)[0]);
    }

    [Fact]
    public void Square_to_quad_maps_the_corners()
    {
        var h = Homography.SquareToQuad(new(10, 10), new(50, 12), new(55, 40), new(8, 35));
        Assert.Equal(new PointF(10, 10), Round(h.Apply(0, 0)));
        Assert.Equal(new PointF(50, 12), Round(h.Apply(1, 0)));
        Assert.Equal(new PointF(55, 40), Round(h.Apply(1, 1)));
        Assert.Equal(new PointF(8, 35), Round(h.Apply(0, 1)));
        var back = h.Invert().Apply(55, 40);
        Assert.Equal(1, back.X, 3);
        Assert.Equal(1, back.Y, 3);
    }

    [Fact]
    public void Polygon_fill_covers_its_inside_only()
    {
        using var image = ImageBuffer.Create(20, 20, PixelLayout.Gray8);
        Draw.FillPolygon(image, [new(2, 2), new(12, 2), new(12, 12), new(2, 12)], 200, 0, 0);
        Assert.Equal(200, image.Row(2)[2]);
        Assert.Equal(200, image.Row(11)[11]);
        Assert.Equal(0, image.Row(12)[11]);
        Assert.Equal(0, image.Row(5)[12]);
    }

    [Fact]
    public void Blur_keeps_flat_areas_and_mean()
    {
        using var image = ImageBuffer.Create(30, 30, PixelLayout.Gray8);
        Draw.Fill(image, 100, 0, 0);
        Draw.FillRect(image, new RectI(10, 10, 10, 10), 200, 0, 0);
        Blur.Gaussian(image, 2f);
        Assert.Equal(100, image.Row(0)[0]);
        Assert.InRange(image.Row(10)[10], 120, 180);
        Assert.InRange(image.Row(15)[15], 190, 200);
    }

    [Fact]
    public void Resampling_preserves_flat_colour()
    {
        using var image = ImageBuffer.Create(64, 48, PixelLayout.Rgb24);
        Draw.Fill(image, 10, 120, 230);
        using var area = Resample.AreaAverage(image, 17, 13);
        using var bilinear = Resample.Bilinear(image, 100, 75);
        Assert.Equal(new byte[] { 10, 120, 230 }, area.Row(6).Slice(18, 3).ToArray());
        Assert.Equal(new byte[] { 10, 120, 230 }, bilinear.Row(70).Slice(297, 3).ToArray());
        using var gray = Resample.ToGray(image);
        Assert.Equal(100, gray.Row(0)[0]);
    }

    [Theory]
    [InlineData(816, 612, 40, 30)]
    [InlineData(97, 61, 40, 23)]
    [InlineData(50, 40, 50, 40)]
    public void Gray_area_average_matches_the_per_channel_average(int width, int height, int toWidth, int toHeight)
    {
        // The Gray8 fast path must give the bytes the general loop gives (as for each channel of an RGB image).
        var random = new Random(width * 31 + height);
        using var gray = ImageBuffer.Create(width, height, PixelLayout.Gray8);
        using var rgb = ImageBuffer.Create(width, height, PixelLayout.Rgb24);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var v = (byte)random.Next(256);
                gray.Row(y)[x] = v;
                rgb.Row(y)[3 * x] = rgb.Row(y)[3 * x + 1] = rgb.Row(y)[3 * x + 2] = v;
            }
        using var fromGray = Resample.AreaAverage(gray, toWidth, toHeight);
        using var fromRgb = Resample.AreaAverage(rgb, toWidth, toHeight);
        for (var y = 0; y < toHeight; y++)
            for (var x = 0; x < toWidth; x++)
                Assert.Equal(fromRgb.Row(y)[3 * x], fromGray.Row(y)[x]);
    }

    private static PointF Round(PointF p) => new(MathF.Round(p.X, 3), MathF.Round(p.Y, 3));
}

public sealed class PlanesTests
{
    [Fact]
    public void Split_then_merge_is_the_identity()
    {
        using var image = TestImages.Gradient(37, 21);
        var (r, g, b) = Planes.Split(image);
        using (r) using (g) using (b)
        {
            Assert.Equal(image.Row(3)[3 * 5 + 1], g.Row(3)[5]);
            using var merged = Planes.Merge(r, g, b);
            Assert.Equal(image.Pixels.ToArray(), merged.Pixels.ToArray());
        }
        Assert.Throws<ArgumentException>(() => Planes.Split(r));
    }
}
