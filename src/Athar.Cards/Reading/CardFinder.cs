using System.Buffers;
using Athar.Imaging.Raster;

namespace Athar.Cards.Reading;

/// <summary>
/// Finds the white card in a small RGB decode of a photo. The card is the brightest, least coloured thing in
/// the frame: seeds are pixels near the photo's top brightness (the 99.9th percentile of min(R, G, B)) with
/// little saturation; each seed blob grows by hysteresis into dimmer but still paper-like pixels (a shadow
/// across the card keeps 55-80% of its light), and the blob that best looks like a card (a filled rectangle
/// of the card's proportions) wins. Returns the quad in the small image's pixel coordinates.
/// </summary>
internal static class CardFinder
{
    /// <summary>
    /// A found card: its quad, and, when the quad came from the whole card's blob, the convex outline of the paper
    /// seen (in the same pixels). A corner covered by something else lies inside the quad and outside the outline.
    /// </summary>
    internal sealed record FoundCard(PointF[] Quad, PointF[]? Paper);

    /// <summary>Width over height of the card form (300 x 240 mm class cards: 1.25); the finder accepts 1.05 to 1.6.</summary>
    public const double MinAspect = 1.05, MaxAspect = 1.6;

    public static FoundCard? Find(ImageBuffer rgb)
    {
        int w = rgb.Width, h = rgb.Height, n = w * h;
        if (w < 16 || h < 16) return null;
        var white = ArrayPool<byte>.Shared.Rent(n);
        var paperLike = ArrayPool<byte>.Shared.Rent(n);   // flags: Seed or MayGrow (0: neither), and Neutral
        var labels = ArrayPool<int>.Shared.Rent(n);
        var stack = ArrayPool<int>.Shared.Rent(n);
        try
        {
            Span<int> histogram = stackalloc int[256];
            for (var y = 0; y < h; y++)
            {
                var row = rgb.Row(y);
                for (var x = 0; x < w; x++)
                {
                    int r = row[3 * x], g = row[3 * x + 1], b = row[3 * x + 2];
                    var min = Math.Min(r, Math.Min(g, b));
                    white[y * w + x] = (byte)min;
                    histogram[min]++;
                }
            }
            var top = Percentile(histogram, n, 0.999);
            var floor = Percentile(histogram, n, 0.5);
            if (top < 110 || top - floor < 40) return null; // nothing stands out as paper
            var seed = (int)(top * 0.86);
            for (var y = 0; y < h; y++)
            {
                var row = rgb.Row(y);
                for (var x = 0; x < w; x++)
                {
                    int r = row[3 * x], g = row[3 * x + 1], b = row[3 * x + 2];
                    var max = Math.Max(r, Math.Max(g, b));
                    var min = white[y * w + x];
                    var grey = max - min <= 10 + max / 8;
                    paperLike[y * w + x] = (byte)(!grey ? 0 : (min >= seed ? Seed : MayGrow) | (max - min <= NeutralSpread ? Neutral : 0));
                }
            }
            labels.AsSpan(0, n).Clear();
            FoundCard? best = null;
            var bestScore = 0.0;
            var stamp = 0;
            for (var i = 0; i < n; i++)
            {
                if ((paperLike[i] & Seed) == 0 || labels[i] == -1) continue;
                var lit = Flood(white, paperLike, labels, stack, w, h, i, ++stamp, seed, new RectI(0, 0, w, h));
                if (lit.Count < 12 || lit.Count > n / 6) continue;
                var litStamp = stamp;
                // A shadow across the card leaves part of it at 55-80% of the light: grow the lit blob into
                // grey pixels clearly brighter than the floor around it, within reach of the blob.
                var bounds = Bounds(lit, w);
                var reach = Math.Max(bounds.Width, bounds.Height);
                var window = new RectI(bounds.X - reach, bounds.Y - reach, bounds.Width + 2 * reach, bounds.Height + 2 * reach).Intersect(new RectI(0, 0, w, h));
                var localFloor = LocalFloor(white, labels, litStamp, w, window);
                var grow = Math.Max(localFloor + 14, (int)(top * 0.45));
                var grown = grow < seed ? Flood(white, paperLike, labels, stack, w, h, i, ++stamp, grow, window) : lit;
                var grownFloor = grow;
                // The lit blob itself (a floor at or above the seed level) never counts as leaked.
                bool GrowthLeaked(List<int> growth) => !ReferenceEquals(growth, lit) && Leaked(growth, w, h, window);
                var leaked = GrowthLeaked(grown);
                // A growth that runs into a pale body or floor as bright as the shadowed paper is cut off only by the
                // window's straight edges, and card and body together can pass for a card. Grow again at ever higher
                // floors, up to the seed level, and keep the first growth that stays clear of the window's edges.
                for (var (raised, stillLeaked) = (grow + RegrowStep, leaked); stillLeaked; raised += RegrowStep)
                {
                    grown = raised < seed ? Flood(white, paperLike, labels, stack, w, h, i, ++stamp, raised, window) : lit;
                    grownFloor = raised;
                    stillLeaked = GrowthLeaked(grown);
                }
                // Each blob is measured once, the grown one and the lit part alone (relabelled: the grown flood took
                // its pixels), then judged against ever looser tests, each ranked below the one before:
                // - a whole card (grown, then lit);
                // - a card with a piece missing (fill 55-72%, score quartered): a shadow that leaves a corner as dark as
                //   the floor, or a lit part whose shadowed rest merges with a pale body. The rectangle still comes from
                //   the lit corners, and the sides are refitted only where the boundary follows them;
                // - a lit triangle (fill 45-55%, score a tenth): a shadow edge across the card from side to side;
                // - a lit band, extended to the card form on its shadowed side (LitBand.cs).
                var grownOutline = !ReferenceEquals(grown, lit) && grown.Count <= n / 6 ? Outline(grown, labels, stamp, w, h) : null;
                // A growth can also take in a patch of pale, uneven floor that touches the card without reaching the
                // window's edge, and card and patch together still pass for a card. Grown again at ever higher floors,
                // a growth that fills its rectangle clearly better, with the card's proportions, is the card alone.
                // The floors start above the one the growth stands on: those below it leaked (RegrowStep divides
                // TightenStep), and one above it grows a part of a growth that did not leak, which cannot leak either.
                var firstTighter = grow + ((grownFloor - grow) / TightenStep + 1) * TightenStep;
                for (var raised = firstTighter; grownOutline is not null && raised < seed; raised += TightenStep)
                {
                    var tighter = Flood(white, paperLike, labels, stack, w, h, i, ++stamp, raised, window);
                    if (Outline(tighter, labels, stamp, w, h) is not { } outline) continue;
                    if (outline.Aspect < MinAspect || outline.Aspect > MaxAspect || outline.Fill <= grownOutline.Fill + TightenGain) continue;
                    grown = tighter;
                    grownOutline = outline;
                }
                // A growth that leaked and, grown again, still passes for no card may be a shadowed card laid on a pale body
                // as bright as its shadowed paper: brightness cannot part them, but the paper is neutral grey and a body
                // is tinted. Grown over neutral pixels alone, from the same floor up, the first growth that stays clear
                // of the window's edges and passes for a card (whole or with a piece missing) is the card.
                if (leaked && Judge(grownOutline, PartialFill, 1) is null)
                {
                    for (var raised = grow; raised < seed; raised += TightenStep)
                    {
                        var neutral = Flood(white, paperLike, labels, stack, w, h, i, ++stamp, raised, window, neutralOnly: true);
                        if (neutral.Count <= lit.Count || Leaked(neutral, w, h, window) || Outline(neutral, labels, stamp, w, h) is not { } outline
                            || Judge(outline, PartialFill, 1) is null) continue;
                        grown = neutral;
                        grownOutline = outline;
                        break;
                    }
                }
                var litLabel = ++stamp;
                foreach (var p in lit) labels[p] = litLabel;
                var litOutline = Outline(lit, labels, litLabel, w, h);
                // Only a whole card grown from its lit part says where the paper is: its outline holds all the paper
                // seen, lit and shadowed, so what the quad takes in beyond it is a covered corner's floor. A lit part
                // judged whole may lack a shadowed corner that carries writing, and the looser tests leave paper
                // out by design.
                var judged = Judge(grownOutline, WholeFill, 1);
                var paper = judged is null ? null : grownOutline!.Hull;
                judged ??= Judge(litOutline, WholeFill, 1)
                    ?? Judge(grownOutline, PartialFill, 0.25) ?? Judge(litOutline, PartialFill, 0.25)
                    ?? Judge(litOutline, TriangleFill, 0.1);
                if (judged is null && litOutline is not null && LitBand.Extend(litOutline, white, paperLike, w, h, grow) is { } band)
                    judged = (band, litOutline.Pixels * 0.05);
                if (judged is { } found && found.Score > bestScore)
                {
                    bestScore = found.Score;
                    best = new FoundCard(found.Quad, paper?.Select(p => new PointF((float)p.X, (float)p.Y)).ToArray());
                }
                // Seeds taken by this blob are not started again.
                foreach (var p in lit) labels[p] = -1;
            }
            return best;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(white);
            ArrayPool<byte>.Shared.Return(paperLike);
            ArrayPool<int>.Shared.Return(labels);
            ArrayPool<int>.Shared.Return(stack);
        }
    }

    /// <summary>
    /// Flags of the paper-like map: grey enough to be paper and bright enough to seed a card, or only to be grown
    /// into; and neutral, with no colour cast (<see cref="NeutralSpread"/>).
    /// </summary>
    internal const byte MayGrow = 1, Seed = 2, Neutral = 4;

    /// <summary>
    /// The most max(R, G, B) - min(R, G, B) of a neutral pixel. Card paper, lit or shadowed, spreads 2-5 (median; 90th
    /// percentile 5-10), the pale bodies it is laid on 11-15 (13-18; docs/cards.md, "A shadowed card on a tinted body").
    /// </summary>
    private const int NeutralSpread = 8;

    /// <summary>How much the floor rises for each tighter growth of a whole card (docs/cards.md, version 12).</summary>
    private const int TightenStep = 8;

    /// <summary>How much better a tighter growth must fill its rectangle to replace the wider one: 0.02 also cut off shadowed paper.</summary>
    private const double TightenGain = 0.06;

    /// <summary>How much the growth floor rises (in min(R, G, B) levels) each time a growth leaks; 2 and 8 read the same.</summary>
    private const int RegrowStep = 4;

    /// <summary>Pixels on the window's edge that make a growth a leak (3 and 10 read the same).</summary>
    private const int LeakPixels = 3;

    /// <summary>
    /// True when the grown blob reaches its window's edge (where that edge is not the photo's): the growth ran on
    /// into something larger than a card, a pale body or floor, and the window's straight edges cut it off.
    /// </summary>
    private static bool Leaked(List<int> grown, int w, int h, RectI window)
    {
        var touching = 0;
        foreach (var p in grown)
        {
            int x = p % w, y = p / w;
            if ((x == window.X && x > 0) || (x == window.Right - 1 && x < w - 1) || (y == window.Y && y > 0) || (y == window.Bottom - 1 && y < h - 1))
                touching++;
        }
        return touching >= LeakPixels;
    }

    private static int Percentile(ReadOnlySpan<int> histogram, int total, double fraction)
    {
        var target = (long)(total * fraction);
        long seen = 0;
        for (var v = 0; v < 256; v++)
        {
            seen += histogram[v];
            if (seen > target) return v;
        }
        return 255;
    }

    /// <summary>4-connected flood from <paramref name="start"/> over grey (or, <paramref name="neutralOnly"/>, neutral) pixels at or above <paramref name="threshold"/> inside <paramref name="window"/>; marks them with <paramref name="stamp"/>.</summary>
    private static List<int> Flood(byte[] white, byte[] paperLike, int[] labels, int[] stack, int w, int h, int start, int stamp, int threshold, RectI window, bool neutralOnly = false)
    {
        var pixels = new List<int>();
        var top = 0;
        stack[top++] = start;
        labels[start] = stamp;
        while (top > 0)
        {
            var p = stack[--top];
            pixels.Add(p);
            int x = p % w, y = p / w;
            if (x > window.X) Visit(p - 1);
            if (x < window.Right - 1) Visit(p + 1);
            if (y > window.Y) Visit(p - w);
            if (y < window.Bottom - 1) Visit(p + w);
        }
        return pixels;

        void Visit(int q)
        {
            if ((paperLike[q] & (neutralOnly ? Neutral : Seed | MayGrow)) == 0 || white[q] < threshold || labels[q] == stamp || labels[q] == -1) return;
            labels[q] = stamp;
            stack[top++] = q;
        }
    }

    private static RectI Bounds(List<int> pixels, int w)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        foreach (var p in pixels)
        {
            int x = p % w, y = p / w;
            x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
        }
        return new RectI(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    /// <summary>The floor's brightness near a blob: the 40th percentile of min(R, G, B) in the window outside the blob.</summary>
    private static int LocalFloor(byte[] white, int[] labels, int stamp, int w, RectI window)
    {
        Span<int> histogram = stackalloc int[256];
        var count = 0;
        for (var y = window.Y; y < window.Bottom; y++)
            for (var x = window.X; x < window.Right; x++)
            {
                var i = y * w + x;
                if (labels[i] == stamp) continue;
                histogram[white[i]]++;
                count++;
            }
        return count == 0 ? 0 : Percentile(histogram, count, 0.4);
    }

    /// <summary>Filled share of its rectangle that a whole card's blob reaches, the lower share accepted for a partly shadowed one, and a lit triangle's.</summary>
    private const double WholeFill = 0.72, PartialFill = 0.55, TriangleFill = 0.45;

    /// <summary>A blob measured once: its boundary pixels, its minimum-area rectangle (to the paper's edge), the share of that rectangle it fills, the rectangle's aspect, and its pixel count.</summary>
    internal sealed record BlobOutline(List<(double X, double Y)> Boundary, List<(double X, double Y)> Hull, (double X, double Y)[] Rectangle, double Fill, double Aspect, int Pixels);

    /// <summary>The blob's quad and its score (filled share of its rectangle, right proportions; times <paramref name="rank"/>) when it passes for a card at <paramref name="minFill"/>, else null.</summary>
    private static (PointF[] Quad, double Score)? Judge(BlobOutline? blob, double minFill, double rank)
    {
        if (blob is null) return null;
        var side1 = Distance(blob.Rectangle[0], blob.Rectangle[1]);
        var side2 = Distance(blob.Rectangle[1], blob.Rectangle[2]);
        if (blob.Fill < minFill || blob.Aspect < MinAspect || blob.Aspect > MaxAspect || Math.Min(side1, side2) < 6) return null;
        var tolerance = Math.Max(1.5, 0.06 * Math.Min(side1, side2));
        // A copy: RefineSides may hand the rectangle back, and Grow moves corners in place.
        var quad = QuadFit.RefineSides([.. blob.Rectangle], blob.Boundary, tolerance);
        Grow(quad, 0.5);
        return (QuadFit.Orient(quad), blob.Pixels * blob.Fill * blob.Fill * rank);
    }

    /// <summary>Measures the blob whose pixels carry <paramref name="label"/>; null when it has no area.</summary>
    private static BlobOutline? Outline(List<int> pixels, int[] labels, int label, int w, int h)
    {
        var boundary = new List<(double X, double Y)>();
        foreach (var p in pixels)
        {
            int x = p % w, y = p / w;
            var edge = x == 0 || y == 0 || x == w - 1 || y == h - 1
                || labels[p - 1] != label || labels[p + 1] != label || labels[p - w] != label || labels[p + w] != label;
            if (edge) boundary.Add((x + 0.5, y + 0.5));
        }
        var hull = QuadFit.Hull([.. boundary]);
        if (hull.Count < 4) return null;
        var (rectangle, _) = QuadFit.MinAreaRectangle(hull);
        // Boundary pixel centres sit half a pixel inside the paper's edge.
        var area = Grow(rectangle, 0.5);
        if (area <= 0) return null;
        var side1 = Distance(rectangle[0], rectangle[1]);
        var side2 = Distance(rectangle[1], rectangle[2]);
        return new BlobOutline(boundary, hull, rectangle, pixels.Count / area, Math.Max(side1, side2) / Math.Max(1e-9, Math.Min(side1, side2)), pixels.Count);
    }

    /// <summary>Moves each corner of a convex quad <paramref name="by"/> pixels outward along both sides; returns the new area.</summary>
    private static double Grow((double X, double Y)[] quad, double by)
    {
        double cx = 0, cy = 0;
        foreach (var p in quad) { cx += p.X / 4; cy += p.Y / 4; }
        for (var i = 0; i < 4; i++)
        {
            var dx = quad[i].X - cx;
            var dy = quad[i].Y - cy;
            var len = Math.Sqrt(dx * dx + dy * dy);
            if (len > 0) quad[i] = (quad[i].X + dx / len * by * Math.Sqrt(2), quad[i].Y + dy / len * by * Math.Sqrt(2));
        }
        var area = 0.0;
        for (var i = 0; i < 4; i++) area += quad[i].X * quad[(i + 1) % 4].Y - quad[(i + 1) % 4].X * quad[i].Y;
        return Math.Abs(area) / 2;
    }

    internal static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
