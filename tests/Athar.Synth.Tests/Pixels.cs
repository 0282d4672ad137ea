using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Synth.Tests;

internal static class Pixels
{
    public static ImageBuffer Decode(string path, JpegScale? scale = null) => JpegDecoder.Shared.Decode(File.ReadAllBytes(path), PixelLayout.Rgb24, scale);

    /// <summary>Mean absolute difference per channel between two same-sized regions of two images.</summary>
    public static double RegionDifference(ImageBuffer a, RectI ra, ImageBuffer b, RectI rb)
    {
        Assert.Equal(ra.Width, rb.Width);
        Assert.Equal(ra.Height, rb.Height);
        long sum = 0;
        for (var y = 0; y < ra.Height; y++)
        {
            var rowA = a.Row(ra.Y + y).Slice(ra.X * 3, ra.Width * 3);
            var rowB = b.Row(rb.Y + y).Slice(rb.X * 3, rb.Width * 3);
            for (var i = 0; i < rowA.Length; i++) sum += Math.Abs(rowA[i] - rowB[i]);
        }
        return (double)sum / (ra.Width * ra.Height * 3);
    }

    public static double Difference(ImageBuffer a, ImageBuffer b) => RegionDifference(a, new RectI(0, 0, a.Width, a.Height), b, new RectI(0, 0, b.Width, b.Height));
}
