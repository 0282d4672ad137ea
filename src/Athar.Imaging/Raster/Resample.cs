namespace Athar.Imaging.Raster;

/// <summary>Resizing: bilinear for moderate changes, area averaging for large reductions (thumbnails).</summary>
public static class Resample
{
    /// <summary>Bilinear resample of <paramref name="source"/> (or its <paramref name="sourceRegion"/>) to width x height.</summary>
    public static ImageBuffer Bilinear(ImageBuffer source, int width, int height, RectI? sourceRegion = null)
    {
        var region = sourceRegion ?? new RectI(0, 0, source.Width, source.Height);
        source.RequireInside(region);
        var result = ImageBuffer.Create(width, height, source.Layout, clear: false);
        var channels = source.Channels;
        var sx = (float)region.Width / width;
        var sy = (float)region.Height / height;
        Span<float> sample = stackalloc float[3];
        for (var y = 0; y < height; y++)
        {
            var row = result.Row(y);
            var v = region.Y + (y + 0.5f) * sy - 0.5f;
            for (var x = 0; x < width; x++)
            {
                var u = region.X + (x + 0.5f) * sx - 0.5f;
                Draw.SampleBilinear(source, u, v, sample);
                for (var c = 0; c < channels; c++) row[x * channels + c] = (byte)(sample[c] + 0.5f);
            }
        }
        return result;
    }

    /// <summary>
    /// Area-average reduction: each output pixel is the mean of the source pixels whose centres fall in its
    /// footprint. Requires width &lt;= source width and height &lt;= source height.
    /// </summary>
    public static ImageBuffer AreaAverage(ImageBuffer source, int width, int height)
    {
        if (width > source.Width || height > source.Height) throw new ArgumentException($"{width}x{height} is larger than {source.Width}x{source.Height}");
        var result = ImageBuffer.Create(width, height, source.Layout, clear: false);
        if (source.Layout == PixelLayout.Gray8)
        {
            AreaAverageGray(source, result);
            return result;
        }
        var channels = source.Channels;
        Span<int> sums = stackalloc int[3];
        for (var y = 0; y < height; y++)
        {
            var y0 = (int)((long)y * source.Height / height);
            var y1 = Math.Max(y0 + 1, (int)((long)(y + 1) * source.Height / height));
            var row = result.Row(y);
            for (var x = 0; x < width; x++)
            {
                var x0 = (int)((long)x * source.Width / width);
                var x1 = Math.Max(x0 + 1, (int)((long)(x + 1) * source.Width / width));
                sums.Clear();
                for (var yy = y0; yy < y1; yy++)
                {
                    var src = source.Row(yy);
                    for (var xx = x0; xx < x1; xx++)
                        for (var c = 0; c < channels; c++) sums[c] += src[xx * channels + c];
                }
                var n = (x1 - x0) * (y1 - y0);
                for (var c = 0; c < channels; c++) row[x * channels + c] = (byte)((sums[c] + n / 2) / n);
            }
        }
        return result;
    }

    /// <summary>
    /// <see cref="AreaAverage"/> for Gray8: each band of source rows is summed column by column in one pass over
    /// its contiguous rows, then the columns of each cell are added up. The same integer sums and rounding as the
    /// general loop, so the same bytes.
    /// </summary>
    private static void AreaAverageGray(ImageBuffer source, ImageBuffer result)
    {
        int width = result.Width, height = result.Height;
        var columnSums = System.Buffers.ArrayPool<int>.Shared.Rent(source.Width);
        try
        {
            var sums = columnSums.AsSpan(0, source.Width);
            for (var y = 0; y < height; y++)
            {
                var y0 = (int)((long)y * source.Height / height);
                var y1 = Math.Max(y0 + 1, (int)((long)(y + 1) * source.Height / height));
                sums.Clear();
                for (var yy = y0; yy < y1; yy++)
                {
                    ReadOnlySpan<byte> src = source.Row(yy)[..sums.Length];
                    for (var xx = 0; xx < sums.Length; xx++) sums[xx] += src[xx];
                }
                var row = result.Row(y);
                for (var x = 0; x < width; x++)
                {
                    var x0 = (int)((long)x * source.Width / width);
                    var x1 = Math.Max(x0 + 1, (int)((long)(x + 1) * source.Width / width));
                    var sum = 0;
                    for (var xx = x0; xx < x1; xx++) sum += sums[xx];
                    var n = (x1 - x0) * (y1 - y0);
                    row[x] = (byte)((sum + n / 2) / n);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(columnSums);
        }
    }

    /// <summary>
    /// Fast reduction for thumbnails and previews: each output pixel is the mean of a
    /// <paramref name="samples"/> x <paramref name="samples"/> grid of source pixels spread evenly over its
    /// footprint. Close to <see cref="AreaAverage"/> for smooth content at a fraction of the reads.
    /// </summary>
    public static ImageBuffer SampledAverage(ImageBuffer source, int width, int height, int samples = 4)
    {
        if (width > source.Width || height > source.Height) throw new ArgumentException($"{width}x{height} is larger than {source.Width}x{source.Height}");
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var result = ImageBuffer.Create(width, height, source.Layout, clear: false);
        var channels = source.Channels;
        var n = samples * samples;
        Span<int> xs = stackalloc int[samples];
        Span<int> sums = stackalloc int[3];
        var fx = (double)source.Width / width;
        var fy = (double)source.Height / height;
        for (var y = 0; y < height; y++)
        {
            var row = result.Row(y);
            for (var x = 0; x < width; x++)
            {
                for (var i = 0; i < samples; i++) xs[i] = Math.Min(source.Width - 1, (int)((x + (i + 0.5) / samples) * fx));
                sums.Clear();
                for (var j = 0; j < samples; j++)
                {
                    var src = source.Row(Math.Min(source.Height - 1, (int)((y + (j + 0.5) / samples) * fy)));
                    for (var i = 0; i < samples; i++)
                        for (var c = 0; c < channels; c++) sums[c] += src[xs[i] * channels + c];
                }
                for (var c = 0; c < channels; c++) row[x * channels + c] = (byte)((sums[c] + n / 2) / n);
            }
        }
        return result;
    }

    /// <summary>The luminance (ITU-R BT.601 weights) of an Rgb24 image; a Gray8 image is cloned.</summary>
    public static ImageBuffer ToGray(ImageBuffer source)
    {
        if (source.Layout == PixelLayout.Gray8) return source.Clone();
        var result = ImageBuffer.Create(source.Width, source.Height, PixelLayout.Gray8, clear: false);
        for (var y = 0; y < source.Height; y++)
        {
            var src = source.Row(y);
            var dst = result.Row(y);
            for (var x = 0; x < source.Width; x++)
                dst[x] = (byte)((src[3 * x] * 19595 + src[3 * x + 1] * 38470 + src[3 * x + 2] * 7471 + 32768) >> 16);
        }
        return result;
    }
}
