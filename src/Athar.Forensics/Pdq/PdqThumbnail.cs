using System.Buffers;
using Athar.Imaging.Raster;

namespace Athar.Forensics.Pdq;

/// <summary>
/// Luma thumbnails for finding crops (docs/pdq.md, "thumbnails"): the image's integer luma (299 R + 587 G + 114 B)
/// is summed exactly in 64-bit integers over each thumbnail cell, and each cell is the rounded mean over its
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
        // Each cell's exact sum is gathered band by band: the band's rows are added column by column, then each
        // cell's columns (LumaSum). A summed-area table gave the same sums but wrote and read eight bytes per pixel,
        // 100 MB of memory traffic for a 12-megapixel photo.
        var channels = image.Channels;
        var rowBytes = image.Width * channels;
        var cellSums = ArrayPool<long>.Shared.Rent(side);
        var cellStarts = ArrayPool<int>.Shared.Rent(side + 1);
        var columns = ArrayPool<ushort>.Shared.Rent(rowBytes);
        try
        {
            for (var j = 0; j <= side; j++) cellStarts[j] = j * image.Width / side;
            var thumbnail = new byte[side * side];
            for (var i = 0; i < side; i++)
            {
                var r0 = i * image.Height / side;
                var r1 = (i + 1) * image.Height / side;
                cellSums.AsSpan(0, side).Clear();
                for (var band = r0; band < r1; band += LumaSum.MaxRows)
                {
                    var column = columns.AsSpan(0, rowBytes);
                    column.Clear();
                    for (var y = band; y < Math.Min(band + LumaSum.MaxRows, r1); y++) LumaSum.AddRow(image.Row(y), column);
                    for (var j = 0; j < side; j++)
                    {
                        var cell = column[(cellStarts[j] * channels)..(cellStarts[j + 1] * channels)];
                        cellSums[j] += channels == 1 ? 1000L * LumaSum.Gray(cell) : LumaSum.RgbThousandths(cell);
                    }
                }
                for (var j = 0; j < side; j++)
                {
                    var count = 1000L * (r1 - r0) * (cellStarts[j + 1] - cellStarts[j]);
                    thumbnail[i * side + j] = (byte)Math.Min(255, (2 * cellSums[j] + count) / (2 * count));
                }
            }
            return thumbnail;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(cellSums);
            ArrayPool<int>.Shared.Return(cellStarts);
            ArrayPool<ushort>.Shared.Return(columns);
        }
    }
}
