using Athar.Imaging.Raster;

namespace Athar.Cards.Reading;

/// <summary>
/// Maps the card's quad in a grey photo onto an upright rectangle (a homography from the unit square,
/// <see cref="Homography.SquareToQuad"/>), with bilinear sampling, or 2x2 supersampling where the card is
/// reduced.
/// </summary>
public static class CardRectifier
{
    /// <summary>Width over height of the card form (docs/cards.md, "Assumptions about the card form"): the rectified card's, and what a lit band is extended to (<see cref="LitBand"/>).</summary>
    public const double Aspect = 1.25;

    /// <summary>Rectified height for a card whose sides are about <paramref name="cardHeight"/> image pixels: never below 240, so small cards are read at a size the segmenter's thresholds fit.</summary>
    public static int HeightFor(double cardHeight) => (int)Math.Clamp(Math.Round(cardHeight), 240, 480);

    public static byte[] Rectify(ImageBuffer gray, ReadOnlySpan<PointF> quad, int width, int height)
    {
        var h = Homography.SquareToQuad(quad[0], quad[1], quad[2], quad[3]);
        var result = new byte[width * height];
        var reduce = Math.Max(Distance(quad[1], quad[2]), Distance(quad[3], quad[0])) > height * 1.3;
        var n = reduce ? 2 : 1;
        var pixels = gray.Pixels;
        var stride = gray.Stride;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var acc = 0f;
                for (var j = 0; j < n; j++)
                    for (var i = 0; i < n; i++)
                    {
                        var p = h.Apply((x + (i + 0.5) / n) / width, (y + (j + 0.5) / n) / height);
                        acc += Sample(pixels, stride, gray.Width, gray.Height, p.X - 0.5f, p.Y - 0.5f);
                    }
                result[y * width + x] = (byte)Math.Clamp((int)(acc / (n * n) + 0.5f), 0, 255);
            }
        }
        return result;
    }

    /// <summary>
    /// Which pixels of the card rectified from <paramref name="quad"/> lie inside <paramref name="paper"/>, a convex
    /// polygon in the photo's pixels: 1 inside, 0 outside. A covered corner lies inside the quad but outside the
    /// paper seen, and the floor's seams there must not be read as writing.
    /// </summary>
    public static byte[] PaperMask(ReadOnlySpan<PointF> quad, ReadOnlySpan<PointF> paper, int width, int height)
    {
        var toCard = Homography.SquareToQuad(quad[0], quad[1], quad[2], quad[3]).Invert();
        var polygon = new PointF[paper.Length];
        double cx = 0, cy = 0;
        for (var i = 0; i < paper.Length; i++)
        {
            var p = toCard.Apply(paper[i].X, paper[i].Y);
            polygon[i] = new PointF(p.X * width, p.Y * height);
            cx += polygon[i].X / paper.Length;
            cy += polygon[i].Y / paper.Length;
        }
        // The outline is convex: moving each corner away from the centre moves every side outward.
        for (var i = 0; i < polygon.Length; i++)
        {
            double dx = polygon[i].X - cx, dy = polygon[i].Y - cy, length = Math.Sqrt(dx * dx + dy * dy);
            if (length > 0) polygon[i] = new PointF((float)(polygon[i].X + dx / length * PaperGrace), (float)(polygon[i].Y + dy / length * PaperGrace));
        }
        using var mask = ImageBuffer.Create(width, height, PixelLayout.Gray8);
        Draw.FillPolygon(mask, polygon, 1, 1, 1);
        return mask.Pixels.ToArray();
    }

    /// <summary>Pixels the outline is widened by: it runs through the centres of the paper's edge pixels in a smaller decode.</summary>
    private const double PaperGrace = 1.0;

    private static float Sample(ReadOnlySpan<byte> pixels, int stride, int width, int height, float u, float v)
    {
        u = Math.Clamp(u, 0, width - 1.001f);
        v = Math.Clamp(v, 0, height - 1.001f);
        var x0 = (int)u;
        var y0 = (int)v;
        var fx = u - x0;
        var fy = v - y0;
        var x1 = Math.Min(x0 + 1, width - 1);
        var y1 = Math.Min(y0 + 1, height - 1);
        float a = pixels[y0 * stride + x0], b = pixels[y0 * stride + x1], c = pixels[y1 * stride + x0], d = pixels[y1 * stride + x1];
        var top = a + (b - a) * fx;
        return top + (c + (d - c) * fx - top) * fy;
    }

    private static double Distance(PointF a, PointF b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
