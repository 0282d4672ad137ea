namespace Athar.Cards.Digits;

/// <summary>
/// Turns an ink patch cut from a card into an MNIST-style 28x28 image, the way the MNIST database was made
/// (LeCun et al.): the digit's bounding box scaled, keeping its aspect, to fit 20x20, then placed so that its
/// centre of mass is at the centre of the 28x28 field. The trainer runs its augmented digits through this
/// same code, so training and reading see the same kind of image.
/// </summary>
public static class DigitNormalizer
{
    public const int Side = 28;
    public const int Box = 20;

    /// <summary>Pixels below this share of the patch's strongest ink do not count toward the bounding box (JPEG ringing, paper grain).</summary>
    public const float BoxThreshold = 0.25f;

    /// <summary>
    /// Normalises <paramref name="ink"/> (width x height, row-major, 0 = paper, 1 = full ink) into
    /// <paramref name="output"/> (784 bytes). Returns false, leaving the output zeroed, when the patch has no ink.
    /// </summary>
    /// <param name="wholeRows">
    /// For a digit part of which is hidden: the patch rows the whole digit spans. The box then takes them in, and the
    /// digit is centred on them vertically instead of on its visible ink's centre of mass, so what is seen keeps the
    /// size and place it has in the whole digit. Null for a digit seen whole (the MNIST way).
    /// </param>
    public static bool Normalize(ReadOnlySpan<float> ink, int width, int height, Span<byte> output, (int Top, int Bottom)? wholeRows = null)
    {
        if (output.Length < Side * Side) throw new ArgumentException("the output needs 784 bytes", nameof(output));
        if (ink.Length < width * height) throw new ArgumentException($"{ink.Length} values cannot hold {width}x{height}", nameof(ink));
        output[..(Side * Side)].Clear();
        var max = 0f;
        for (var i = 0; i < width * height; i++) if (ink[i] > max) max = ink[i];
        if (max <= 0.05f) return false;

        var threshold = max * BoxThreshold;
        int x0 = width, y0 = height, x1 = -1, y1 = -1;
        double sum = 0, sx = 0, sy = 0;
        for (var y = 0; y < height; y++)
        {
            var row = ink.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                var v = row[x];
                if (v < threshold) continue;
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
                if (y < y0) y0 = y;
                if (y > y1) y1 = y;
                sum += v;
                sx += v * (x + 0.5);
                sy += v * (y + 0.5);
            }
        }
        if (x1 < 0) return false;
        if (wholeRows is { } rows)
        {
            y0 = Math.Min(y0, rows.Top);
            y1 = Math.Max(y1, rows.Bottom);
        }
        var extent = Math.Max(x1 - x0 + 1, y1 - y0 + 1);
        var scale = (float)Box / extent;                 // output pixels per patch pixel
        var cx = (float)(sx / sum);
        var cy = wholeRows is null ? (float)(sy / sum) : (y0 + y1 + 1) / 2f;
        // Each output pixel averages n x n bilinear samples, so a large patch is reduced without aliasing.
        var n = Math.Clamp((int)MathF.Ceiling(1f / scale), 1, 8);
        var step = 1f / (scale * n);
        var gain = 1f / (max * n * n);
        for (var oy = 0; oy < Side; oy++)
        {
            for (var ox = 0; ox < Side; ox++)
            {
                var acc = 0f;
                var v0 = cy + (oy - Side / 2f) / scale + step * 0.5f - 0.5f;
                var u0 = cx + (ox - Side / 2f) / scale + step * 0.5f - 0.5f;
                for (var j = 0; j < n; j++)
                    for (var i = 0; i < n; i++)
                        acc += Sample(ink, width, height, u0 + i * step, v0 + j * step, threshold);
                var value = acc * gain;
                output[oy * Side + ox] = (byte)Math.Clamp((int)(value * 255f + 0.5f), 0, 255);
            }
        }
        return true;
    }

    // Bilinear, zero outside; faint values (below the box threshold) are paper noise and read as zero.
    private static float Sample(ReadOnlySpan<float> ink, int width, int height, float u, float v, float floor)
    {
        var xa = (int)MathF.Floor(u);
        var ya = (int)MathF.Floor(v);
        var fx = u - xa;
        var fy = v - ya;
        var a = At(ink, width, height, xa, ya, floor);
        var b = At(ink, width, height, xa + 1, ya, floor);
        var c = At(ink, width, height, xa, ya + 1, floor);
        var d = At(ink, width, height, xa + 1, ya + 1, floor);
        var top = a + (b - a) * fx;
        return top + (c + (d - c) * fx - top) * fy;
    }

    private static float At(ReadOnlySpan<float> ink, int width, int height, int x, int y, float floor)
    {
        if ((uint)x >= (uint)width || (uint)y >= (uint)height) return 0;
        var v = ink[y * width + x];
        return v < floor * 0.5f ? 0 : v;
    }
}
