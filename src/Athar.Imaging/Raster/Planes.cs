namespace Athar.Imaging.Raster;

/// <summary>Conversion between interleaved Rgb24 and three planar Gray8 channels (for per-channel analysis).</summary>
public static class Planes
{
    /// <summary>Splits an Rgb24 image into R, G and B planes; the caller disposes all three.</summary>
    public static (ImageBuffer R, ImageBuffer G, ImageBuffer B) Split(ImageBuffer rgb)
    {
        if (rgb.Layout != PixelLayout.Rgb24) throw new ArgumentException("an Rgb24 image is required", nameof(rgb));
        var r = ImageBuffer.Create(rgb.Width, rgb.Height, PixelLayout.Gray8, clear: false);
        var g = ImageBuffer.Create(rgb.Width, rgb.Height, PixelLayout.Gray8, clear: false);
        var b = ImageBuffer.Create(rgb.Width, rgb.Height, PixelLayout.Gray8, clear: false);
        for (var y = 0; y < rgb.Height; y++)
        {
            var source = rgb.Row(y);
            var rr = r.Row(y);
            var gr = g.Row(y);
            var br = b.Row(y);
            for (var x = 0; x < rgb.Width; x++)
            {
                rr[x] = source[3 * x];
                gr[x] = source[3 * x + 1];
                br[x] = source[3 * x + 2];
            }
        }
        return (r, g, b);
    }

    /// <summary>Interleaves three same-sized Gray8 planes into a new Rgb24 image.</summary>
    public static ImageBuffer Merge(ImageBuffer r, ImageBuffer g, ImageBuffer b)
    {
        foreach (var plane in new[] { r, g, b })
            if (plane.Layout != PixelLayout.Gray8 || plane.Width != r.Width || plane.Height != r.Height)
                throw new ArgumentException("three Gray8 planes of one size are required");
        var rgb = ImageBuffer.Create(r.Width, r.Height, PixelLayout.Rgb24, clear: false);
        for (var y = 0; y < r.Height; y++)
        {
            var target = rgb.Row(y);
            var rr = r.Row(y);
            var gr = g.Row(y);
            var br = b.Row(y);
            for (var x = 0; x < r.Width; x++)
            {
                target[3 * x] = rr[x];
                target[3 * x + 1] = gr[x];
                target[3 * x + 2] = br[x];
            }
        }
        return rgb;
    }
}
