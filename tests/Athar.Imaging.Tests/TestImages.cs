using Athar.Imaging.Raster;

namespace Athar.Imaging.Tests;

/// <summary>Small synthetic images made in code; no fixture files.</summary>
internal static class TestImages
{
    /// <summary>A smooth colour gradient with a dark square: compresses well and survives JPEG with small errors.</summary>
    public static ImageBuffer Gradient(int width, int height, PixelLayout layout = PixelLayout.Rgb24)
    {
        var image = ImageBuffer.Create(width, height, layout);
        for (var y = 0; y < height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < width; x++)
            {
                var r = (byte)(40 + 180 * x / width);
                var g = (byte)(60 + 150 * y / height);
                var b = (byte)(120 + 60 * (x + y) / (width + height));
                if (layout == PixelLayout.Gray8) row[x] = r;
                else { row[3 * x] = r; row[3 * x + 1] = g; row[3 * x + 2] = b; }
            }
        }
        Draw.FillRect(image, new RectI(width / 4, height / 4, width / 4, height / 4), 20, 20, 20);
        return image;
    }

    public static double MeanAbsoluteDifference(ImageBuffer a, ImageBuffer b)
    {
        Assert.Equal(a.Width, b.Width);
        Assert.Equal(a.Height, b.Height);
        Assert.Equal(a.Layout, b.Layout);
        long sum = 0;
        for (var y = 0; y < a.Height; y++)
        {
            var ra = a.Row(y);
            var rb = b.Row(y);
            for (var i = 0; i < ra.Length; i++) sum += Math.Abs(ra[i] - rb[i]);
        }
        return (double)sum / ((long)a.Width * a.Height * a.Channels);
    }
}
