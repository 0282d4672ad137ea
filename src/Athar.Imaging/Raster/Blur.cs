using System.Buffers;

namespace Athar.Imaging.Raster;

/// <summary>Separable box blur, and a Gaussian approximated by three box passes (Wells 1986; Kovesi 2010).</summary>
public static class Blur
{
    /// <summary>Replaces each pixel by the mean of the (2r+1)x(2r+1) box around it, edges clamped. r = 0 does nothing.</summary>
    public static void Box(ImageBuffer image, int radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        if (radius == 0) return;
        var channels = image.Channels;
        var longest = Math.Max(image.Width, image.Height);
        var line = ArrayPool<byte>.Shared.Rent(longest * channels);
        try
        {
            for (var y = 0; y < image.Height; y++)
            {
                var row = image.Row(y);
                row.CopyTo(line);
                BlurLine(line, row, image.Width, channels, channels, radius);
            }
            VerticalPass(image, radius);
        }
        finally { ArrayPool<byte>.Shared.Return(line); }
    }

    /// <summary>Approximately Gaussian blur with standard deviation <paramref name="sigma"/> pixels (three box passes).</summary>
    public static void Gaussian(ImageBuffer image, float sigma)
    {
        if (sigma <= 0.3f) return;
        // Box width w for three passes: sigma^2 = 3 (w^2 - 1) / 12  =>  w = sqrt(4 sigma^2 + 1).
        var width = Math.Sqrt(4 * sigma * sigma + 1);
        var radius = Math.Max(1, (int)Math.Round((width - 1) / 2));
        for (var pass = 0; pass < 3; pass++) Box(image, radius);
    }

    /// <summary>Vertical box pass with one running sum per byte column, walking rows in order (cache-friendly).</summary>
    private static void VerticalPass(ImageBuffer image, int radius)
    {
        var rowBytes = image.Width * image.Channels;
        var window = 2 * radius + 1;
        var height = image.Height;
        using var source = image.Clone();
        var sums = ArrayPool<int>.Shared.Rent(rowBytes);
        try
        {
            var sum = sums.AsSpan(0, rowBytes);
            sum.Clear();
            for (var i = -radius; i <= radius; i++)
            {
                var row = source.Row(Math.Clamp(i, 0, height - 1));
                for (var x = 0; x < rowBytes; x++) sum[x] += row[x];
            }
            for (var y = 0; y < height; y++)
            {
                var target = image.Row(y);
                for (var x = 0; x < rowBytes; x++) target[x] = (byte)((sum[x] + window / 2) / window);
                var add = source.Row(Math.Min(y + radius + 1, height - 1));
                var remove = source.Row(Math.Max(y - radius, 0));
                for (var x = 0; x < rowBytes; x++) sum[x] += add[x] - remove[x];
            }
        }
        finally { ArrayPool<int>.Shared.Return(sums); }
    }

    private static void BlurLine(ReadOnlySpan<byte> source, Span<byte> target, int length, int channels, int step, int radius)
    {
        var window = 2 * radius + 1;
        for (var c = 0; c < channels; c++)
        {
            var sum = 0;
            for (var i = -radius; i <= radius; i++) sum += source[Math.Clamp(i, 0, length - 1) * step + c];
            for (var i = 0; i < length; i++)
            {
                target[i * step + c] = (byte)((sum + window / 2) / window);
                var add = Math.Min(i + radius + 1, length - 1);
                var remove = Math.Max(i - radius, 0);
                sum += source[add * step + c] - source[remove * step + c];
            }
        }
    }
}
