using Athar.Imaging.Raster;

namespace Athar.Cards.Reading;

/// <summary>
/// A card whose lit part is only a band along one side (a shadow edge running parallel to it), while its shadowed
/// rest merges with a pale body or floor. The band's long side is then a whole side of the card, so the card is
/// the band extended across to the card form's proportions, on the side where the pixels are still paper: grey
/// and brighter than the floor around (shadowed paper). When both sides look like paper, or neither, there is no
/// answer.
/// </summary>
internal static class LitBand
{
    private const double SolidFill = 0.72, MaxBandAspect = 8, PaperSide = 0.7, OtherSide = 0.5;

    /// <summary>The card's quad around the lit band <paramref name="outline"/>, or null.</summary>
    public static PointF[]? Extend(CardFinder.BlobOutline outline, byte[] white, byte[] paperLike, int w, int h, int paperFloor)
    {
        if (outline.Fill < SolidFill || outline.Aspect <= CardFinder.MaxAspect || outline.Aspect > MaxBandAspect) return null;
        var r = outline.Rectangle;
        if (CardFinder.Distance(r[0], r[1]) < CardFinder.Distance(r[1], r[2])) r = [r[1], r[2], r[3], r[0]];
        var length = CardFinder.Distance(r[0], r[1]);
        var depth = CardFinder.Distance(r[1], r[2]);
        var extra = length / CardRectifier.Aspect - depth;
        if (length < 12 || extra <= 0) return null;
        (double X, double Y) across = ((r[2].X - r[1].X) / depth, (r[2].Y - r[1].Y) / depth); // from side r0r1 towards side r3r2
        var beyond = PaperShare(r[3], r[2], across, extra, white, paperLike, w, h, paperFloor);
        var before = PaperShare(r[0], r[1], (-across.X, -across.Y), extra, white, paperLike, w, h, paperFloor);
        (double X, double Y) Move((double X, double Y) p, double by) => (p.X + across.X * by, p.Y + across.Y * by);
        if (beyond >= PaperSide && before < OtherSide) return QuadFit.Orient([r[0], r[1], Move(r[2], extra), Move(r[3], extra)]);
        if (before >= PaperSide && beyond < OtherSide) return QuadFit.Orient([Move(r[0], -extra), Move(r[1], -extra), r[2], r[3]]);
        return null;
    }

    /// <summary>Share of a grid of points in the strip from side (a, b) outward by <paramref name="by"/> along <paramref name="outward"/> that are paper-like and at least <paramref name="paperFloor"/> bright.</summary>
    private static double PaperShare((double X, double Y) a, (double X, double Y) b, (double X, double Y) outward, double by,
        byte[] white, byte[] paperLike, int w, int h, int paperFloor)
    {
        const int along = 16, deep = 8;
        var paper = 0;
        for (var i = 0; i < along; i++)
            for (var j = 0; j < deep; j++)
            {
                var t = (i + 0.5) / along;
                var s = (j + 0.5) / deep * by;
                var x = (int)(a.X + (b.X - a.X) * t + outward.X * s);
                var y = (int)(a.Y + (b.Y - a.Y) * t + outward.Y * s);
                if ((uint)x >= (uint)w || (uint)y >= (uint)h) continue; // off the image: not paper
                var k = y * w + x;
                if ((paperLike[k] & (CardFinder.Seed | CardFinder.MayGrow)) != 0 && white[k] >= paperFloor) paper++;
            }
        return (double)paper / (along * deep);
    }
}
