using Athar.Imaging.Raster;
using Athar.Synth.Digits;
using Athar.Synth.Output;

namespace Athar.Synth.Scenes;

/// <summary>
/// The white card beside a body, as a flat texture: off-white paper with three handwritten numbers on
/// separate lines (detainee, branch, report), each digit an MNIST sample from the rendering half, with
/// its own slant, size and baseline jitter. The same case always gets the same handwriting.
/// </summary>
internal static class CardTexture
{
    public const int Width = 300;
    public const int Height = 240;
    private const int LineHeight = 68;
    private const int Top = 16;

    public static ImageBuffer Render(long seed, int caseIndex, IReadOnlyList<string> lines) => Render(seed, caseIndex, lines, null);

    /// <summary>
    /// Which MNIST sample each digit of a case's card is, and how much of its ink <paramref name="scene"/>'s
    /// cover hides: the ground truth's <c>cardDigits</c>. Draws the same card as <see cref="Render(long, int, IReadOnlyList{string})"/>.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<GroundTruthDigit>> Digits(long seed, int caseIndex, IReadOnlyList<string> lines, SceneSpec scene)
    {
        var ink = new CardDigitInk(scene);
        using var _ = Render(seed, caseIndex, lines, ink);
        return ink.Lines;
    }

    private static ImageBuffer Render(long seed, int caseIndex, IReadOnlyList<string> lines, CardDigitInk? ink)
    {
        var random = SynthRandom.For(seed, "card", caseIndex);
        var digits = MnistDigits.Instance;
        return Render(random, lines, digit =>
        {
            var index = random.Next(digits.Count(digit));
            ink?.Begin(digits.PackageIndex(digit, index));
            return digits.Sample(digit, index);
        }, ink);
    }

    /// <summary>A 28x28 ink image of <paramref name="digit"/>: the generator draws from the rendering half of MNIST, the trainer from the training half.</summary>
    internal delegate ReadOnlySpan<byte> DigitSample(int digit);

    /// <summary>Paper, ink and handwriting drawn from <paramref name="random"/>; each digit's image from <paramref name="sampleOf"/>.</summary>
    internal static ImageBuffer Render(SynthRandom random, IReadOnlyList<string> lines, DigitSample sampleOf, CardDigitInk? ink = null)
    {
        var card = ImageBuffer.Create(Width, Height, PixelLayout.Rgb24, clear: false);
        var paper = random.RangeF(232, 246);
        var warm = random.RangeF(0, 6);
        for (var y = 0; y < Height; y++)
        {
            var row = card.Row(y);
            for (var x = 0; x < Width; x++)
            {
                var fibre = random.RangeF(-3f, 3f);
                row[3 * x] = (byte)(paper + fibre);
                row[3 * x + 1] = (byte)(paper + fibre - warm * 0.5f);
                row[3 * x + 2] = (byte)(paper + fibre - warm);
            }
        }
        var inkR = random.RangeF(20, 40);
        var inkG = random.RangeF(22, 40);
        var inkB = random.RangeF(40, 90); // ballpoint: black to dark blue
        for (var line = 0; line < lines.Count && line < 3; line++)
        {
            var x = random.RangeF(14, 34);
            var baseline = Top + line * LineHeight + random.RangeF(-3, 3);
            foreach (var ch in lines[line])
            {
                if (ch is < '0' or > '9') { x += 20; continue; }
                var sample = sampleOf(ch - '0');
                var size = random.RangeF(56, 66);
                var shear = random.RangeF(-0.22f, 0.12f);
                var dy = random.RangeF(-4, 4);
                DrawDigit(card, sample, x, baseline + dy, size, shear, inkR, inkG, inkB, ink);
                ink?.End(line);
                x += size * random.RangeF(0.62f, 0.74f);
                if (x > Width - 40) break;
            }
        }
        return card;
    }

    /// <summary>Draws one 28x28 MNIST sample into the box at (left, top) of side <paramref name="size"/>, slanted by <paramref name="shear"/>.</summary>
    internal static void DrawDigit(ImageBuffer card, ReadOnlySpan<byte> sample, float left, float top, float size, float shear, float inkR, float inkG, float inkB, CardDigitInk? record = null)
    {
        var scale = MnistDigits.Size / size;
        var y0 = Math.Max(0, (int)top);
        var y1 = Math.Min(card.Height, (int)(top + size) + 1);
        var slantReach = Math.Abs(shear) * size;
        var x0 = Math.Max(0, (int)(left - slantReach));
        var x1 = Math.Min(card.Width, (int)(left + size + slantReach) + 1);
        for (var y = y0; y < y1; y++)
        {
            var row = card.Row(y);
            var v = (y + 0.5f - top) * scale - 0.5f;
            var slant = (size / 2 - (y + 0.5f - top)) * shear; // lean around the middle line
            for (var x = x0; x < x1; x++)
            {
                var u = (x + 0.5f - left - slant) * scale - 0.5f;
                var ink = Sample(sample, u, v) / 255f * 0.92f;
                if (ink <= 0.01f) continue;
                record?.Add((x + 0.5f) / card.Width, (y + 0.5f) / card.Height, ink);
                var o = 3 * x;
                row[o] = (byte)(row[o] + (inkR - row[o]) * ink);
                row[o + 1] = (byte)(row[o + 1] + (inkG - row[o + 1]) * ink);
                row[o + 2] = (byte)(row[o + 2] + (inkB - row[o + 2]) * ink);
            }
        }
    }

    private static float Sample(ReadOnlySpan<byte> sample, float u, float v)
    {
        if (u <= -1 || v <= -1 || u >= MnistDigits.Size || v >= MnistDigits.Size) return 0;
        var x0 = (int)MathF.Floor(u);
        var y0 = (int)MathF.Floor(v);
        var fx = u - x0;
        var fy = v - y0;
        float a = At(sample, x0, y0), b = At(sample, x0 + 1, y0), c = At(sample, x0, y0 + 1), d = At(sample, x0 + 1, y0 + 1);
        var top = a + (b - a) * fx;
        var bottom = c + (d - c) * fx;
        return top + (bottom - top) * fy;
    }

    private static float At(ReadOnlySpan<byte> sample, int x, int y)
        => (uint)x < MnistDigits.Size && (uint)y < MnistDigits.Size ? sample[y * MnistDigits.Size + x] : 0;
}
