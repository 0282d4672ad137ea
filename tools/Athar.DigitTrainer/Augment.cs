using Athar.Cards.Digits;

namespace Athar.DigitTrainer;

/// <summary>
/// Makes a training image from one MNIST sample the way a card photo would show it: slanted, rotated and
/// stretched a little, thicker or thinner, drawn at the size it has in a photo (9 to 60 px per 28 px box),
/// blurred, faint, noisy, sometimes with a scrap of a neighbouring digit at its side, then normalised
/// by <see cref="DigitNormalizer"/> exactly as the reader does. A share stays close to clean MNIST, so
/// the model still reads well-drawn digits best.
/// </summary>
internal static class Augment
{
    private const int S = 28;

    public static void Make(ReadOnlySpan<byte> sample, ReadOnlySpan<byte> neighbour, Random random, Span<float> output)
    {
        Span<float> source = stackalloc float[S * S];
        for (var i = 0; i < source.Length; i++) source[i] = sample[i] / 255f;
        Stroke(source, random);

        if (random.NextDouble() < 0.25)
        {
            // Classic MNIST augmentation straight into the 28x28 field.
            var angle = Range(random, -10, 10) * MathF.PI / 180f;
            var scale = Range(random, 0.9f, 1.1f);
            var shear = Range(random, -0.2f, 0.15f);
            Warp(source, S, S, output, S, S, angle, scale, scale, shear, Range(random, -1.5f, 1.5f), Range(random, -1.5f, 1.5f));
            Noise(output, random, 0.03f);
            return;
        }

        // Size of the 28 px box in the photo, log-uniform.
        var box = MathF.Exp(Range(random, MathF.Log(9), MathF.Log(60)));
        var width = Math.Clamp((int)(box * 1.6f), 8, 100);
        var height = Math.Clamp((int)(box * 1.15f), 8, 80);
        Span<float> patch = stackalloc float[width * height];
        var rotation = Range(random, -7, 7) * MathF.PI / 180f;
        var sx = box / S * Range(random, 0.85f, 1.15f);
        var sy = box / S * Range(random, 0.92f, 1.08f);
        var slant = Range(random, -0.32f, 0.22f);
        Warp(source, S, S, patch, width, height, rotation, sx, sy, slant, Range(random, -0.08f, 0.08f) * box, Range(random, -0.05f, 0.05f) * box);
        if (random.NextDouble() < 0.25) Scrap(neighbour, patch, width, height, box, random);
        var blur = random.NextDouble() < 0.6 ? Range(random, 0.3f, 1.1f) : 0f;
        if (blur > 0) Blur(patch, width, height, blur);
        var contrast = Range(random, 0.45f, 1f);
        for (var i = 0; i < patch.Length; i++) patch[i] *= contrast;
        Noise(patch, random, Range(random, 0f, 0.07f));
        // The reader subtracts its paper estimate, leaving small residues either side of zero: clip as it does.
        for (var i = 0; i < patch.Length; i++) patch[i] = Math.Clamp(patch[i], 0f, 1f);
        Span<byte> normal = stackalloc byte[S * S];
        if (!DigitNormalizer.Normalize(patch, width, height, normal))
        {
            for (var i = 0; i < output.Length; i++) output[i] = sample[i] / 255f;
            return;
        }
        for (var i = 0; i < output.Length; i++) output[i] = normal[i] / 255f;
    }

    private static float Range(Random random, float lo, float hi) => lo + (float)random.NextDouble() * (hi - lo);

    /// <summary>Thicker (grey dilation) or thinner (steeper ink curve) strokes, as pens and blur make them.</summary>
    private static void Stroke(Span<float> source, Random random)
    {
        var r = random.NextDouble();
        if (r < 0.25)
        {
            Span<float> copy = stackalloc float[source.Length];
            source.CopyTo(copy);
            var weight = Range(random, 0.4f, 0.9f);
            for (var y = 0; y < S; y++)
                for (var x = 0; x < S; x++)
                {
                    var m = 0f;
                    for (var dy = -1; dy <= 1; dy++)
                        for (var dx = -1; dx <= 1; dx++)
                        {
                            int xx = x + dx, yy = y + dy;
                            if ((uint)xx < S && (uint)yy < S && copy[yy * S + xx] > m) m = copy[yy * S + xx];
                        }
                    source[y * S + x] = Math.Max(copy[y * S + x], m * weight);
                }
        }
        else if (r < 0.45)
        {
            var gamma = Range(random, 1.5f, 3f);
            for (var i = 0; i < source.Length; i++) source[i] = MathF.Pow(source[i], gamma);
        }
    }

    /// <summary>
    /// Draws <paramref name="source"/> into <paramref name="target"/>: source pixels scaled by (sx, sy), slanted
    /// (x shifts by -slant per unit of height above the middle), rotated, centred and shifted. Area-sampled
    /// when reducing.
    /// </summary>
    private static void Warp(ReadOnlySpan<float> source, int sw, int sh, Span<float> target, int tw, int th,
        float rotation, float sx, float sy, float slant, float shiftX, float shiftY)
    {
        var cos = MathF.Cos(rotation);
        var sin = MathF.Sin(rotation);
        var n = Math.Clamp((int)MathF.Ceiling(1f / MathF.Min(sx, sy)), 1, 4);
        for (var y = 0; y < th; y++)
        {
            for (var x = 0; x < tw; x++)
            {
                var acc = 0f;
                for (var j = 0; j < n; j++)
                    for (var i = 0; i < n; i++)
                    {
                        var px = x + (i + 0.5f) / n - tw / 2f - shiftX;
                        var py = y + (j + 0.5f) / n - th / 2f - shiftY;
                        var rx = cos * px + sin * py;            // undo the rotation
                        var ry = -sin * px + cos * py;
                        rx += slant * ry;                        // undo the slant
                        acc += Bilinear(source, sw, sh, rx / sx + sw / 2f - 0.5f, ry / sy + sh / 2f - 0.5f);
                    }
                target[y * tw + x] = acc / (n * n);
            }
        }
    }

    /// <summary>Adds part of another digit cut by the patch edge, as a tight neighbour on a card leaves.</summary>
    private static void Scrap(ReadOnlySpan<byte> neighbour, Span<float> patch, int width, int height, float box, Random random)
    {
        Span<float> source = stackalloc float[S * S];
        for (var i = 0; i < source.Length; i++) source[i] = neighbour[i] / 255f;
        Span<float> other = stackalloc float[width * height];
        var side = random.NextDouble() < 0.5 ? -1 : 1;
        var offset = side * box * Range(random, 0.7f, 0.95f);
        Warp(source, S, S, other, width, height, 0, box / S, box / S, Range(random, -0.2f, 0.1f), offset, 0);
        for (var i = 0; i < patch.Length; i++) patch[i] = Math.Max(patch[i], other[i]);
    }

    private static void Blur(Span<float> image, int width, int height, float sigma)
    {
        Span<float> k = stackalloc float[5];
        var total = 0f;
        for (var i = -2; i <= 2; i++) total += k[i + 2] = MathF.Exp(-i * i / (2 * sigma * sigma));
        for (var i = 0; i < 5; i++) k[i] /= total;
        Span<float> temp = stackalloc float[image.Length];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var acc = 0f;
                for (var i = -2; i <= 2; i++) acc += k[i + 2] * image[y * width + Math.Clamp(x + i, 0, width - 1)];
                temp[y * width + x] = acc;
            }
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var acc = 0f;
                for (var i = -2; i <= 2; i++) acc += k[i + 2] * temp[Math.Clamp(y + i, 0, height - 1) * width + x];
                image[y * width + x] = acc;
            }
    }

    private static void Noise(Span<float> image, Random random, float sigma)
    {
        if (sigma <= 0) return;
        for (var i = 0; i < image.Length; i++)
        {
            // Box-Muller from the seeded generator keeps runs reproducible.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            image[i] = Math.Clamp(image[i] + sigma * (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2)), 0f, 1f);
        }
    }

    private static float Bilinear(ReadOnlySpan<float> image, int width, int height, float u, float v)
    {
        var x0 = (int)MathF.Floor(u);
        var y0 = (int)MathF.Floor(v);
        var fx = u - x0;
        var fy = v - y0;
        float At(ReadOnlySpan<float> im, int x, int y) => (uint)x < (uint)width && (uint)y < (uint)height ? im[y * width + x] : 0f;
        var a = At(image, x0, y0);
        var b = At(image, x0 + 1, y0);
        var c = At(image, x0, y0 + 1);
        var d = At(image, x0 + 1, y0 + 1);
        var top = a + (b - a) * fx;
        return top + (c + (d - c) * fx - top) * fy;
    }
}
