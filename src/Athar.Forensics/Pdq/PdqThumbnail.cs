using System.Buffers;
using Athar.Imaging.Raster;

namespace Athar.Forensics.Pdq;

/// <summary>
/// Luma thumbnails for finding crops (docs/pdq.md, "thumbnails"): the image's integer luma (299 R + 587 G + 114 B)
/// goes once into a summed-area table of exact 64-bit sums, and each thumbnail cell is the rounded mean over its
/// rectangle, so the bytes are the same on every machine and the cost is one pass over the decoded pixels.
/// <para>
/// Window PDQ hashes (a PDQ-style hash of each of a few sub-windows, matched against a crop's own hash) were measured
/// first and rejected: a crop's hash is 6 to 30 bits from its original's best window on a dense grid, but 8 to 64
/// from the nearest of 27 to 75 stored windows, and the windows of other shots of the same body came as close
/// (docs/pdq.md). A thumbnail lets near-duplicates search windows densely instead.
/// </para>
/// </summary>
public static class PdqThumbnail
{
    /// <summary>
    /// A <paramref name="side"/> x <paramref name="side"/> luma thumbnail of the whole frame (stretched to a square):
    /// each byte is the rounded mean of 1000 x luma over its cell, from exact integer sums, so it is the same on every
    /// machine. Returns null when the image is smaller than <paramref name="side"/> on a side.
    /// </summary>
    public static byte[]? Make(ImageBuffer image, int side)
    {
        if (image.Width < side || image.Height < side) return null;
        if (image.Layout is not (PixelLayout.Gray8 or PixelLayout.Rgb24)) throw new ArgumentException($"unsupported layout {image.Layout}");
        var stride = image.Width + 1;
        var table = ArrayPool<long>.Shared.Rent(checked(stride * (image.Height + 1)));
        try
        {
            Fill(image, table.AsSpan(0, stride * (image.Height + 1)), stride);
            var thumbnail = new byte[side * side];
            for (var i = 0; i < side; i++)
            {
                var r0 = i * image.Height / side;
                var r1 = (i + 1) * image.Height / side;
                for (var j = 0; j < side; j++)
                {
                    var c0 = j * image.Width / side;
                    var c1 = (j + 1) * image.Width / side;
                    var sum = table[r1 * stride + c1] - table[r0 * stride + c1] - table[r1 * stride + c0] + table[r0 * stride + c0];
                    var count = 1000L * (r1 - r0) * (c1 - c0);
                    thumbnail[i * side + j] = (byte)Math.Min(255, (2 * sum + count) / (2 * count));
                }
            }
            return thumbnail;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(table);
        }
    }

    /// <summary>The summed-area table of 1000 x luma: table[(y + 1) · stride + x + 1] = Σ over rows ≤ y, columns ≤ x.</summary>
    private static void Fill(ImageBuffer image, Span<long> table, int stride)
    {
        table[..stride].Clear();
        var pixels = image.Pixels;
        var gray = image.Layout == PixelLayout.Gray8;
        for (var y = 0; y < image.Height; y++)
        {
            var row = pixels.Slice(y * image.Stride, image.Width * image.Channels);
            var above = table.Slice(y * stride, stride);
            var here = table.Slice((y + 1) * stride, stride);
            here[0] = 0;
            long running = 0;
            for (var x = 0; x < image.Width; x++)
            {
                running += gray ? 1000 * row[x] : 299 * row[3 * x] + 587 * row[3 * x + 1] + 114 * row[3 * x + 2];
                here[x + 1] = above[x + 1] + running;
            }
        }
    }
}
