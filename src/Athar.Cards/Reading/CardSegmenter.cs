using System.Buffers;
using Athar.Cards.Digits;
using Athar.Core.Analysis;
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
    /// <summary>Diagnostics only (bench/Athar.CaseEval --digits): sees each normalised 28x28 digit image and its reading.</summary>
    internal static Action<byte[], int, float>? DigitObserved;

    /// <summary>
    /// Training only (tools/Athar.DigitTrainer): when set on a thread, each line read there appends the
    /// normalised 28x28 images of the digits it finally read, one list per line.
    /// </summary>
    [ThreadStatic] internal static List<List<byte[]>>? Capture;

    /// <summary>
    /// A line read longer than the card form allows (<see cref="CardForm"/>) loses its least confident pieces (a
    /// speck, half of a digit cut in two); a shorter line is never padded.
    /// </summary>
    private static void Trim(List<CardDigit> digits, int most)
    {
        while (digits.Count > most)
        {
            var weakest = 0;
            for (var i = 1; i < digits.Count; i++) if (digits[i].Confidence < digits[weakest].Confidence) weakest = i;
            digits.RemoveAt(weakest);
        }
    }

    /// <summary>Share of each side ignored: the card's edge and any floor the quad takes in.</summary>
    private const double Margin = 0.035;

    /// <param name="paper">Where the card's paper is seen (<see cref="CardRectifier.PaperMask"/>), or null for all of it: ink outside is ignored.</param>
    public static IReadOnlyList<CardLine> Read(byte[] gray, int width, int height, DigitClassifier classifier, byte[]? paper = null)
    {
        var n = width * height;
        var ink = ArrayPool<float>.Shared.Rent(n);
        var labels = ArrayPool<int>.Shared.Rent(n);
        var stack = ArrayPool<int>.Shared.Rent(n);
        try
        {
            InkMap(gray, width, height, paper, ink);
            var threshold = BinaryThreshold(ink, width, height);
            var blobs = Label(ink, width, height, threshold, labels, stack);
            var cuts = LineCuts(blobs, height);
            var lineBlobs = new List<Blob>[3];
            for (var line = 0; line < 3; line++)
            {
                var (y0, y1) = LineRows(line, cuts, height);
                lineBlobs[line] = DigitBlobs(blobs.Where(b => b.CentreY >= y0 && b.CentreY < y1), y1 - y0);
            }
            var cardDigitHeight = Median(lineBlobs.SelectMany(l => l).Select(b => (double)b.Height));
            var seen = new PaperSeen(paper, width, height);
            var lines = new List<CardLine>(3);
            for (var line = 0; line < 3; line++)
            {
                var images = Capture is null ? null : new List<byte[]>();
                var writing = new LineWriting(lineBlobs[line], cardDigitHeight, seen);
                var digits = ReadLine(writing, ink, labels, width, classifier, images);
                if (images is not null) Capture!.Add(images);
                Trim(digits, line == (int)CardLineRole.Branch ? CardForm.BranchDigits : CardForm.MaxDigits);
                var (y0, y1) = LineRows(line, cuts, height);
                lines.Add(new CardLine((CardLineRole)line, digits) { Covered = CoverReaches(seen, y0, y1, digits, cardDigitHeight) });
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

    /// <summary>The rows of line 0, 1 or 2: from the card's top, between the two cuts, to its bottom.</summary>
    private static (int From, int To) LineRows(int line, int[] cuts, int height) => (line == 0 ? 0 : cuts[line - 1], line == 2 ? height : cuts[line]);

    /// <summary>How far beyond a line's first and last digit, in digit heights, a cover may hide a digit of it: a digit and its gap.</summary>
    private const double CoverReach = 1.5;

    /// <summary>Unseen pixels, as a share of a digit height squared, that make a cover: fewer are the outline's rounding.</summary>
    private const double CoverArea = 0.05;

    /// <summary>
    /// Whether something over the card (outside the paper seen, <see cref="CardRectifier.PaperMask"/>) lies within this
    /// line's rows and within <see cref="CoverReach"/> digit heights of its writing (anywhere on the line when nothing
    /// was read). Such a line may have lost a digit under the cover, or have one cut by its edge, in every photo of the
    /// case alike: the other photos cannot outvote it (docs/cards.md, "A cover over the writing").
    /// </summary>
    internal static bool CoverReaches(PaperSeen seen, int y0, int y1, IReadOnlyList<CardDigit> digits, double digitHeight)
    {
        if (seen.Paper is null) return false;
        int x0 = 0, x1 = seen.Width;
        if (digits.Count > 0)
        {
            var reach = (int)Math.Ceiling(digitHeight * CoverReach);
            x0 = digits.Min(d => d.Box.X) - reach;
            x1 = digits.Max(d => d.Box.X + d.Box.Width) + reach;
        }
        var unseen = seen.Unseen(x0, x1, y0, y1);
        return unseen > 0 && unseen >= digitHeight * digitHeight * CoverArea;
    }

    /// <summary>
    /// Where the card's paper is seen (<see cref="CardRectifier.PaperMask"/>, null when the finder kept no outline:
    /// then all of it counts as seen). Only the inside of the <see cref="Margin"/> counts: the card's edge is not a cover.
    /// </summary>
    internal readonly record struct PaperSeen(byte[]? Paper, int Width, int Height)
    {
        /// <summary>Pixels of columns x0..x1 and rows y0..y1 (ends excluded) where the paper is not seen.</summary>
        public int Unseen(int x0, int x1, int y0, int y1)
        {
            if (Paper is null) return 0;
            int mx = (int)(Width * Margin), my = (int)(Height * Margin);
            x0 = Math.Max(x0, mx);
            x1 = Math.Min(x1, Width - mx);
            var unseen = 0;
            for (var y = Math.Max(y0, my); y < Math.Min(y1, Height - my) && x1 > x0; y++)
                unseen += Paper.AsSpan(y * Width + x0, x1 - x0).Count((byte)0);
            return unseen;
        }
    }

    /// <summary>
    /// What reading one line needs besides the ink: its digit candidates, the card's digit height, the rows a whole digit
    /// of the line spans (the median top and bottom of its candidates), and where the paper is seen.
    /// </summary>
    private sealed class LineWriting(List<Blob> blobs, double digitHeight, PaperSeen seen)
    {
        public List<Blob> Blobs { get; } = blobs;
        public double DigitHeight { get; } = digitHeight;
        public PaperSeen Seen { get; } = seen;
        public int Top { get; } = blobs.Count == 0 ? 0 : (int)Median(blobs.Select(b => (double)b.Y0));
        public int Bottom { get; } = blobs.Count == 0 ? 0 : (int)Median(blobs.Select(b => (double)b.Y1));
    }

    /// <summary>A digit shorter than this share of its line's digits may have lost its top or bottom to a cover.</summary>
    private const double CutHeight = 0.97;

    /// <summary>How far either side of a digit's columns, in digit heights, a cover counts as cutting it.</summary>
    private const double CutReach = 0.1;

    /// <summary>
    /// The rows a digit would span were it whole: a digit shorter than its line's digits, with unseen paper (a cover) in
    /// its columns between its ink and the line's usual top or bottom, lost that part under the cover. Normalised from
    /// its ink alone it would be scaled up and re-centred into another shape (the stem of a 9 whose loop the cover cuts
    /// reads as a 1); normalised over the whole digit's rows it keeps its size and place (docs/cards.md, "Digits cut by
    /// the cover"). Null when nothing says the digit was cut.
    /// </summary>
    private static (int Top, int Bottom)? WholeRows(Blob b, int x0, int x1, LineWriting line)
    {
        if (line.Seen.Paper is null || b.Height >= CutHeight * (line.Bottom - line.Top + 1)) return null;
        var reach = (int)Math.Round(line.DigitHeight * CutReach);
        int top = b.Y0, bottom = b.Y1;
        if (line.Top < b.Y0 && line.Seen.Unseen(x0 - reach, x1 + reach, line.Top - 2, b.Y0) > 0) top = line.Top;
        if (line.Bottom > b.Y1 && line.Seen.Unseen(x0 - reach, x1 + reach, b.Y1 + 1, line.Bottom + 3) > 0) bottom = line.Bottom;
        return top == b.Y0 && bottom == b.Y1 ? null : (top, bottom);
    }

    /// <summary>ink = (paper - grey) / paper, 0 in the margins and off the paper seen; paper = grey closing with a window wider than a stroke.</summary>
    private static void InkMap(byte[] gray, int width, int height, byte[]? seen, float[] ink)
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
                    if (x < mx || y < my || x >= width - mx || y >= height - my || seen?[i] == 0) { ink[i] = 0; continue; }
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
            if (seen > target) return Math.Max(0.1f, v / 100f * 0.3f);
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
        return LineCuts(profile) ?? [Emptiest(profile, (int)(height * 0.25), (int)(height * 0.43)), Emptiest(profile, (int)(height * 0.53), (int)(height * 0.71))];
    }

    /// <summary>A band of rows with ink must hold this share of the card's ink to count as a line of writing.</summary>
    private const double LineShare = 0.08;

    /// <summary>
    /// The cuts where the writing itself shows three lines: the rows with ink form exactly three bands that each
    /// hold a real share of the ink (specks and a shadow's edge hold little), and each cut is the emptiest row
    /// between two bands. Null otherwise (lines touching, more bands), and the cuts fall back to the card's thirds.
    /// This matters when the quad is not the card's outline (a partial card, a covered corner): the writing then
    /// does not sit at a third and two thirds of the crop, and a fixed window cut through a line of digits.
    /// </summary>
    internal static int[]? LineCuts(double[] profile)
    {
        var total = 0.0;
        foreach (var v in profile) total += v;
        if (total <= 0) return null;
        // Bands: maximal runs of rows with ink, closed by a run of at least two empty rows.
        var bands = new List<(int Start, int End, double Mass)>();
        var start = -1;
        var mass = 0.0;
        for (var y = 0; y <= profile.Length; y++)
        {
            var inked = y < profile.Length && profile[y] > 0;
            if (inked)
            {
                if (start < 0) { start = y; mass = 0; }
                mass += profile[y];
                continue;
            }
            if (start < 0) continue;
            var closed = y + 1 >= profile.Length || profile[y + 1] <= 0;
            if (!closed) continue;
            bands.Add((start, y, mass));
            start = -1;
        }
        var lines = bands.Where(b => b.Mass >= total * LineShare).ToList();
        if (lines.Count != 3) return null;
        return [Emptiest(profile, lines[0].End, lines[1].Start - 1), Emptiest(profile, lines[1].End, lines[2].Start - 1)];
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

    /// <summary>
    /// A line's blobs as digit candidates: blobs that overlap in x merged first (a digit whose stroke broke, the
    /// foot of a 2, the bar of a 4 or 5, is several blobs, and its small parts must not be dropped as specks),
    /// then what cannot be a digit dropped: low against the line's tallest, or much too tall (a cover over a corner).
    /// </summary>
    private static List<Blob> DigitBlobs(IEnumerable<Blob> members, int bandHeight)
    {
        var merged = new List<Blob>();
        foreach (var b in members.Where(b => b.Height <= bandHeight * 1.4).OrderBy(b => b.X0))
        {
            Blob? host = null;
            foreach (var m in merged)
            {
                var overlap = Math.Min(m.X1, b.X1) - Math.Max(m.X0, b.X0) + 1;
                if (overlap > 0.5 * Math.Min(m.Width, b.Width)) host = m;
            }
            if (host is not null)
            {
                host.X0 = Math.Min(host.X0, b.X0); host.X1 = Math.Max(host.X1, b.X1);
                host.Y0 = Math.Min(host.Y0, b.Y0); host.Y1 = Math.Max(host.Y1, b.Y1);
                host.Area += b.Area; host.SumY += b.SumY;
                host.Labels.AddRange(b.Labels);
                continue;
            }
            merged.Add(new Blob { Label = b.Label, X0 = b.X0, X1 = b.X1, Y0 = b.Y0, Y1 = b.Y1, Area = b.Area, SumY = b.SumY, Labels = { b.Label } });
        }
        var tallest = merged.Count == 0 ? 0 : merged.Max(b => b.Height);
        return merged.Where(b => b.Height >= tallest * 0.4).ToList();
    }

    /// <summary>Ink per row, as a share of the digit height, under which a candidate pieced from specks is a dotted trail: pen strokes run 15% and more, the trails 5-7%.</summary>
    private const double DottedInkPerRow = 0.08;

    /// <summary>
    /// Some MNIST samples carry a trail of dots beside the digit (a column of specks in the 28x28 image). On a card
    /// the specks are blobs of their own, merged by their overlap in x into something as tall as a digit, and read
    /// as a 1 or a 5 (`2193` read `21913`). Such a candidate is several pieces and much thinner than any stroke.
    /// </summary>
    private static bool IsDottedTrail(Blob b, double digitHeight)
        => b.Labels.Count >= 2 && b.Area < b.Height * digitHeight * DottedInkPerRow;

    /// <summary>
    /// A line's digits. <paramref name="digitHeight"/> is the median height over the whole card's blobs: one line
    /// may hold only two blobs (three digits touching and one alone), whose median is the taller merged one, and
    /// a digit height taken from it makes the touching digits look like one fewer.
    /// </summary>
    private static List<CardDigit> ReadLine(LineWriting line, float[] ink, int[] labels, int width, DigitClassifier classifier, List<byte[]>? images)
    {
        var digits = new List<CardDigit>();
        var digitHeight = line.DigitHeight;
        foreach (var b in line.Blobs)
        {
            // Drop dots and dashes that are small in both directions.
            if (b.Height < digitHeight * 0.35 && b.Width < digitHeight * 0.35) continue;
            if (IsDottedTrail(b, digitHeight)) continue;
            var pieces = Split(b, ink, labels, width, line, classifier, images);
            digits.AddRange(pieces);
        }
        return digits;
    }

    /// <summary>
    /// One blob as one to four digits. Touching digits make one blob as wide as two or three; the width says
    /// how many digits it probably holds (a digit's advance is about its height), the recogniser's confidence
    /// decides between neighbouring counts and between a few cut positions.
    /// </summary>
    private static List<CardDigit> Split(Blob b, float[] ink, int[] labels, int width, LineWriting line, DigitClassifier classifier, List<byte[]>? images)
    {
        var ratio = b.Width / line.DigitHeight;
        var likely = Math.Max(1.0, ratio + 0.2);
        List<CardDigit>? best = null;
        List<byte[]>? bestImages = null;
        var bestScore = double.MinValue;
        for (var k = 1; k <= 4; k++)
        {
            if (Math.Abs(k - likely) > 1.2) continue;
            foreach (var cuts in Cuts(b, ink, labels, width, k))
            {
                var reading = new List<CardDigit>(k);
                var readingImages = images is null ? null : new List<byte[]>(k);
                var minConfidence = 1.0;
                for (var i = 0; i < k; i++)
                {
                    var digit = Classify(b, cuts[i], cuts[i + 1], ink, labels, width, line, classifier, readingImages);
                    if (digit is null) { minConfidence = 0; break; }
                    reading.Add(digit.Value);
                    minConfidence = Math.Min(minConfidence, digit.Value.Confidence);
                }
                if (minConfidence <= 0) continue;
                var score = Math.Log(minConfidence) - 2.0 * Math.Abs(k - likely);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = reading;
                    bestImages = readingImages;
                }
            }
        }
        if (bestImages is not null) images!.AddRange(bestImages);
        return best ?? [];
    }

    /// <summary>
    /// Candidate column cuts (k + 1 each, first and last at the blob's ends): for two pieces the three emptiest
    /// columns near the middle, otherwise the emptiest column near each even split.
    /// </summary>
    private static IEnumerable<int[]> Cuts(Blob b, float[] ink, int[] labels, int width, int k)
    {
        if (k == 1)
        {
            yield return [b.X0, b.X1 + 1];
            yield break;
        }
        var column = new double[b.Width];
        for (var y = b.Y0; y <= b.Y1; y++)
            for (var x = b.X0; x <= b.X1; x++)
                if (b.Labels.Contains(labels[y * width + x])) column[x - b.X0] += ink[y * width + x];
        var pitch = (double)b.Width / k;
        var ranked = new List<int>[k];
        for (var i = 1; i < k; i++)
        {
            var centre = pitch * i;
            int from = Math.Max(1, (int)(centre - pitch * 0.35)), to = Math.Min(b.Width - 2, (int)(centre + pitch * 0.35));
            ranked[i] = Enumerable.Range(from, Math.Max(0, to - from + 1)).OrderBy(x => column[x] + Math.Abs(x - centre) * 0.01).ToList();
            if (ranked[i].Count == 0) ranked[i] = [(int)centre];
        }
        var tries = k == 2 ? 3 : 1;
        var used = new List<int>();
        for (var t = 0; t < tries; t++)
        {
            // For two pieces, the next emptiest column at least 3 px from those tried.
            var pick = ranked[1].FirstOrDefault(x => used.All(u => Math.Abs(u - x) >= 3), -1);
            if (pick < 0) yield break;
            used.Add(pick);
            var cuts = new int[k + 1];
            cuts[0] = b.X0;
            cuts[k] = b.X1 + 1;
            cuts[1] = b.X0 + pick;
            for (var i = 2; i < k; i++) cuts[i] = b.X0 + ranked[i][0];
            yield return cuts;
        }
    }

    private static CardDigit? Classify(Blob b, int x0, int x1, float[] ink, int[] labels, int width, LineWriting line, DigitClassifier classifier, List<byte[]>? images)
    {
        // The piece's own pixels (its blobs' labels, and unlabelled faint edges), padded by two pixels, over the rows
        // of the whole digit when a cover cut it.
        const int pad = 2;
        var whole = WholeRows(b, x0, x1, line);
        int top = whole?.Top ?? b.Y0, bottom = whole?.Bottom ?? b.Y1;
        int px0 = Math.Max(0, x0 - pad), px1 = x1 + pad, py0 = Math.Max(0, top - pad), py1 = bottom + pad + 1;
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
            var rows = whole is null ? ((int, int)?)null : (top - py0, bottom - py0);
            if (!DigitNormalizer.Normalize(patch.AsSpan(0, pw * ph), pw, ph, image, rows)) return null;
            Span<float> probabilities = stackalloc float[10];
            var digit = classifier.Classify(image, probabilities);
            DigitObserved?.Invoke(image.ToArray(), digit, probabilities[digit]);
            images?.Add(image.ToArray());
            var second = digit == 0 ? 1 : 0;
            for (var c = 0; c < probabilities.Length; c++) if (c != digit && probabilities[c] > probabilities[second]) second = c;
            return new CardDigit(digit, probabilities[digit], new RectI(x0, b.Y0, x1 - x0, b.Height), second, probabilities[second]);
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
