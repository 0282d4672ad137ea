using System.Buffers;
using Athar.Cards.Digits;
using Athar.Imaging.Raster;

namespace Athar.Cards.Reading;

/// <summary>
/// Reads the three lines of a rectified card: paper estimated by a grey closing (so a shadow's sharp edge is
/// kept and does not turn into ink), ink = how much darker than the paper, the lines cut at the two
/// emptiest rows near a third and two thirds of the height, digits as connected blobs per line (broken
/// strokes merged, blobs as wide as two or three digits cut at the emptiest columns), each normalised and
/// classified.
/// </summary>
internal static class CardSegmenter
{
    /// <summary>Share of each side ignored: the card's edge and any floor the quad takes in.</summary>
    private const double Margin = 0.035;

    public static IReadOnlyList<CardLine> Read(byte[] gray, int width, int height, DigitClassifier classifier)
    {
        var n = width * height;
        var ink = ArrayPool<float>.Shared.Rent(n);
        var labels = ArrayPool<int>.Shared.Rent(n);
        var stack = ArrayPool<int>.Shared.Rent(n);
        try
        {
            InkMap(gray, width, height, ink);
            var threshold = BinaryThreshold(ink, width, height);
            var blobs = Label(ink, width, height, threshold, labels, stack);
            var cuts = LineCuts(blobs, height);
            var lines = new List<CardLine>(3);
            for (var line = 0; line < 3; line++)
            {
                var y0 = line == 0 ? 0 : cuts[line - 1];
                var y1 = line == 2 ? height : cuts[line];
                var members = blobs.Where(b => b.CentreY >= y0 && b.CentreY < y1).ToList();
                var digits = ReadLine(members, ink, labels, width, y1 - y0, classifier);
                lines.Add(new CardLine((CardLineRole)line, digits));
            }
            return lines;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(ink);
            ArrayPool<int>.Shared.Return(labels);
            ArrayPool<int>.Shared.Return(stack);
        }
    }

    /// <summary>ink = (paper - grey) / paper, 0 in the margins; paper = grey closing with a window wider than a stroke.</summary>
    private static void InkMap(byte[] gray, int width, int height, float[] ink)
    {
        var n = width * height;
        var a = ArrayPool<byte>.Shared.Rent(n);
        var b = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            var radius = Math.Max(4, height / 30);
            // Closing = dilation (max) then erosion (min): removes dark strokes narrower than the window.
            Filter(gray, a, width, height, radius, horizontal: true, max: true);
            Filter(a, b, width, height, radius, horizontal: false, max: true);
            Filter(b, a, width, height, radius, horizontal: true, max: false);
            Filter(a, b, width, height, radius, horizontal: false, max: false);
            int mx = (int)(width * Margin), my = (int)(height * Margin);
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                {
                    var i = y * width + x;
                    if (x < mx || y < my || x >= width - mx || y >= height - my) { ink[i] = 0; continue; }
                    float paper = b[i];
                    ink[i] = paper < 30 ? 0 : Math.Clamp((paper - gray[i]) / paper, 0f, 1f);
                }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(a);
            ArrayPool<byte>.Shared.Return(b);
        }
    }

    private static void Filter(byte[] source, byte[] target, int width, int height, int radius, bool horizontal, bool max)
    {
        int outer = horizontal ? height : width, inner = horizontal ? width : height;
        int step = horizontal ? 1 : width, lineStep = horizontal ? width : 1;
        for (var o = 0; o < outer; o++)
        {
            var start = o * lineStep;
            for (var i = 0; i < inner; i++)
            {
                var lo = Math.Max(0, i - radius);
                var hi = Math.Min(inner - 1, i + radius);
                int v = max ? 0 : 255;
                for (var k = lo; k <= hi; k++)
                {
                    var s = source[start + k * step];
                    v = max ? Math.Max(v, s) : Math.Min(v, s);
                }
                target[start + i * step] = (byte)v;
            }
        }
    }

    /// <summary>Ink counts as a stroke above 40% of the card's strong ink (its 99.5th percentile), and never below 0.1.</summary>
    private static float BinaryThreshold(float[] ink, int width, int height)
    {
        Span<int> histogram = stackalloc int[101];
        for (var i = 0; i < width * height; i++) histogram[(int)(ink[i] * 100)]++;
        var target = (int)(width * height * 0.995);
        var seen = 0;
        for (var v = 0; v <= 100; v++)
        {
            seen += histogram[v];
            if (seen > target) return Math.Max(0.1f, v / 100f * 0.4f);
        }
        return 0.4f;
    }

    internal sealed class Blob
    {
        public int Label;
        public int X0 = int.MaxValue, Y0 = int.MaxValue, X1 = -1, Y1 = -1;
        public int Area;
        public double SumY;
        public double CentreY => SumY / Area;
        public int Width => X1 - X0 + 1;
        public int Height => Y1 - Y0 + 1;
        public List<int> Labels { get; } = [];
    }

    /// <summary>8-connected blobs of pixels above the threshold; specks of under 12 pixels are dropped.</summary>
    private static List<Blob> Label(float[] ink, int width, int height, float threshold, int[] labels, int[] stack)
    {
        var n = width * height;
        labels.AsSpan(0, n).Clear();
        var blobs = new List<Blob>();
        var next = 0;
        for (var start = 0; start < n; start++)
        {
            if (ink[start] < threshold || labels[start] != 0) continue;
            var blob = new Blob { Label = ++next };
            blob.Labels.Add(next);
            var top = 0;
            stack[top++] = start;
            labels[start] = next;
            while (top > 0)
            {
                var p = stack[--top];
                int x = p % width, y = p / width;
                blob.Area++;
                blob.SumY += y;
                if (x < blob.X0) blob.X0 = x;
                if (x > blob.X1) blob.X1 = x;
                if (y < blob.Y0) blob.Y0 = y;
                if (y > blob.Y1) blob.Y1 = y;
                for (var dy = -1; dy <= 1; dy++)
                {
                    var yy = y + dy;
                    if ((uint)yy >= (uint)height) continue;
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var xx = x + dx;
                        if ((uint)xx >= (uint)width) continue;
                        var q = yy * width + xx;
                        if (labels[q] != 0 || ink[q] < threshold) continue;
                        labels[q] = next;
                        stack[top++] = q;
                    }
                }
            }
            if (blob.Area >= 12) blobs.Add(blob);
        }
        return blobs;
    }

    /// <summary>The two rows between the lines: the emptiest rows of the blob ink profile near 1/3 and 2/3 of the height.</summary>
    private static int[] LineCuts(List<Blob> blobs, int height)
    {
        var profile = new double[height];
        foreach (var b in blobs)
        {
            // Each blob spreads its area evenly over its rows: enough to see where lines are.
            var per = (double)b.Area / b.Height;
            for (var y = b.Y0; y <= b.Y1; y++) profile[y] += per;
        }
        return [Emptiest(profile, (int)(height * 0.25), (int)(height * 0.43)), Emptiest(profile, (int)(height * 0.53), (int)(height * 0.71))];
    }

    private static int Emptiest(double[] profile, int from, int to)
    {
        var best = (from + to) / 2;
        var bestValue = double.MaxValue;
        var centre = (from + to) / 2.0;
        for (var y = from; y <= to; y++)
        {
            // Slight pull to the middle of the window breaks ties among empty rows.
            var value = profile[y] + Math.Abs(y - centre) * 1e-3;
            if (value < bestValue) { bestValue = value; best = y; }
        }
        return best;
    }

    private static List<CardDigit> ReadLine(List<Blob> members, float[] ink, int[] labels, int width, int bandHeight, DigitClassifier classifier)
    {
        // Drop blobs that cannot be digits: too small against the line's tallest blob, or far too large (a cover over a corner).
        if (members.Count == 0) return [];
        var tallest = members.Max(b => b.Height);
        var candidates = members.Where(b => b.Height >= tallest * 0.3 || b.Area >= 0.25 * members.Max(m => m.Area))
            .Where(b => b.Height <= bandHeight * 1.4).OrderBy(b => b.X0).ToList();
        // Merge blobs that overlap in x (a digit whose stroke broke: 4, 5, 7).
        var merged = new List<Blob>();
        foreach (var b in candidates)
        {
            var last = merged.Count > 0 ? merged[^1] : null;
            if (last is not null)
            {
                var overlap = Math.Min(last.X1, b.X1) - Math.Max(last.X0, b.X0) + 1;
                if (overlap > 0.5 * Math.Min(last.Width, b.Width))
                {
                    last.X0 = Math.Min(last.X0, b.X0); last.X1 = Math.Max(last.X1, b.X1);
                    last.Y0 = Math.Min(last.Y0, b.Y0); last.Y1 = Math.Max(last.Y1, b.Y1);
                    last.Area += b.Area; last.SumY += b.SumY;
                    last.Labels.AddRange(b.Labels);
                    continue;
                }
            }
            merged.Add(new Blob { Label = b.Label, X0 = b.X0, X1 = b.X1, Y0 = b.Y0, Y1 = b.Y1, Area = b.Area, SumY = b.SumY, Labels = { b.Label } });
        }
        if (merged.Count == 0) return [];
        var digitHeight = Median(merged.Select(b => (double)b.Height));
        var digits = new List<CardDigit>();
        foreach (var b in merged)
        {
            // Drop dots and dashes that are small in both directions.
            if (b.Height < digitHeight * 0.35 && b.Width < digitHeight * 0.35) continue;
            var pieces = Split(b, ink, labels, width, digitHeight, classifier);
            digits.AddRange(pieces);
        }
        return digits;
    }

    /// <summary>
    /// One blob as one, two or three digits. A blob much wider than a digit is tried as 2 and 3 pieces cut at
    /// the emptiest columns near the even split; the reading whose least confident digit is most confident wins,
    /// with a small preference for the count the width suggests.
    /// </summary>
    private static List<CardDigit> Split(Blob b, float[] ink, int[] labels, int width, double digitHeight, DigitClassifier classifier)
    {
        var ratio = b.Width / digitHeight;
        var expected = ratio < 1.25 ? 1 : ratio < 2.2 ? 2 : 3;
        List<CardDigit>? best = null;
        var bestScore = double.MinValue;
        for (var k = Math.Max(1, expected - 1); k <= Math.Min(4, expected + 1); k++)
        {
            if (k > 1 && ratio < 0.8 * k * 0.55) continue; // pieces narrower than a "1"
            var cuts = Cuts(b, ink, labels, width, k);
            var reading = new List<CardDigit>(k);
            var score = k == expected ? 0.0 : -0.35;
            var minConfidence = 1.0;
            for (var i = 0; i < k; i++)
            {
                var digit = Classify(b, cuts[i], cuts[i + 1], ink, labels, width, classifier);
                if (digit is null) { minConfidence = 0; break; }
                reading.Add(digit.Value);
                minConfidence = Math.Min(minConfidence, digit.Value.Confidence);
            }
            score += Math.Log(Math.Max(minConfidence, 1e-6));
            if (minConfidence > 0 && score > bestScore)
            {
                bestScore = score;
                best = reading;
            }
            if (k == 1 && expected == 1 && minConfidence > 0.9) break; // a clear single digit: nothing to try
        }
        return best ?? [];
    }

    /// <summary>Column cuts (k + 1 of them, first and last at the blob's ends) at the emptiest columns near even spacing.</summary>
    private static int[] Cuts(Blob b, float[] ink, int[] labels, int width, int k)
    {
        var cuts = new int[k + 1];
        cuts[0] = b.X0;
        cuts[k] = b.X1 + 1;
        if (k == 1) return cuts;
        var column = new double[b.Width];
        for (var y = b.Y0; y <= b.Y1; y++)
            for (var x = b.X0; x <= b.X1; x++)
                if (b.Labels.Contains(labels[y * width + x])) column[x - b.X0] += ink[y * width + x];
        var pitch = (double)b.Width / k;
        for (var i = 1; i < k; i++)
        {
            var centre = pitch * i;
            int from = (int)(centre - pitch * 0.3), to = (int)(centre + pitch * 0.3);
            var best = (int)centre;
            var bestValue = double.MaxValue;
            for (var x = Math.Max(1, from); x <= Math.Min(b.Width - 2, to); x++)
            {
                var v = column[x] + Math.Abs(x - centre) * 0.01;
                if (v < bestValue) { bestValue = v; best = x; }
            }
            cuts[i] = b.X0 + best;
        }
        return cuts;
    }

    private static CardDigit? Classify(Blob b, int x0, int x1, float[] ink, int[] labels, int width, DigitClassifier classifier)
    {
        // The piece's own pixels (its blobs' labels, and unlabelled faint edges), padded by two pixels.
        const int pad = 2;
        int px0 = Math.Max(0, x0 - pad), px1 = x1 + pad, py0 = Math.Max(0, b.Y0 - pad), py1 = b.Y1 + pad + 1;
        var height = ink.Length / width;
        px1 = Math.Min(px1, width);
        py1 = Math.Min(py1, height);
        int pw = px1 - px0, ph = py1 - py0;
        if (pw < 2 || ph < 2) return null;
        var patch = ArrayPool<float>.Shared.Rent(pw * ph);
        try
        {
            for (var y = 0; y < ph; y++)
                for (var x = 0; x < pw; x++)
                {
                    var sx = px0 + x;
                    var i = (py0 + y) * width + sx;
                    var label = labels[i];
                    var own = sx >= x0 && sx < x1 && (label == 0 || b.Labels.Contains(label));
                    patch[y * pw + x] = own ? ink[i] : 0f;
                }
            Span<byte> image = stackalloc byte[DigitNormalizer.Side * DigitNormalizer.Side];
            if (!DigitNormalizer.Normalize(patch.AsSpan(0, pw * ph), pw, ph, image)) return null;
            Span<float> probabilities = stackalloc float[10];
            var digit = classifier.Classify(image, probabilities);
            return new CardDigit(digit, probabilities[digit], new RectI(x0, b.Y0, x1 - x0, b.Height));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(patch);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
