namespace Athar.Imaging.Raster;

/// <summary>
/// A 3x3 projective transform, (x, y) -> ((a x + b y + c) / w, (d x + e y + f) / w) with w = g x + h y + 1.
/// Affine transforms are the case g = h = 0.
/// </summary>
public readonly record struct Homography(double A, double B, double C, double D, double E, double F, double G, double H)
{
    public static Homography Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0);

    /// <summary>Rotation by <paramref name="radians"/> and uniform scaling about (cx, cy), then a shift.</summary>
    public static Homography Similarity(double cx, double cy, double radians, double scale, double shiftX = 0, double shiftY = 0)
    {
        var cos = Math.Cos(radians) * scale;
        var sin = Math.Sin(radians) * scale;
        return new(cos, -sin, cx - cos * cx + sin * cy + shiftX, sin, cos, cy - sin * cx - cos * cy + shiftY, 0, 0);
    }

    public PointF Apply(double x, double y)
    {
        var w = G * x + H * y + 1;
        return new PointF((float)((A * x + B * y + C) / w), (float)((D * x + E * y + F) / w));
    }

    /// <summary>this after <paramref name="first"/>: (this ∘ first)(p) = this(first(p)).</summary>
    public Homography After(Homography first)
    {
        var m = Multiply(ToMatrix(), first.ToMatrix());
        return FromMatrix(m);
    }

    public Homography Invert()
    {
        var m = ToMatrix();
        var det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if (Math.Abs(det) < 1e-12) throw new InvalidOperationException("homography is singular");
        var inv = new[]
        {
            (m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            (m[5] * m[6] - m[3] * m[8]) / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det,
        };
        return FromMatrix(inv);
    }

    /// <summary>
    /// The transform taking the unit square corners (0,0), (1,0), (1,1), (0,1) to the four given points
    /// (Heckbert's square-to-quad mapping). Requires a convex, non-degenerate quad.
    /// </summary>
    public static Homography SquareToQuad(PointF p0, PointF p1, PointF p2, PointF p3)
    {
        double x0 = p0.X, y0 = p0.Y, x1 = p1.X, y1 = p1.Y, x2 = p2.X, y2 = p2.Y, x3 = p3.X, y3 = p3.Y;
        var sx = x0 - x1 + x2 - x3;
        var sy = y0 - y1 + y2 - y3;
        if (Math.Abs(sx) < 1e-9 && Math.Abs(sy) < 1e-9)
            return new(x1 - x0, x3 - x0, x0, y1 - y0, y3 - y0, y0, 0, 0);
        var dx1 = x1 - x2; var dx2 = x3 - x2; var dy1 = y1 - y2; var dy2 = y3 - y2;
        var den = dx1 * dy2 - dx2 * dy1;
        if (Math.Abs(den) < 1e-12) throw new InvalidOperationException("quad is degenerate");
        var g = (sx * dy2 - dx2 * sy) / den;
        var h = (dx1 * sy - sx * dy1) / den;
        return new(x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h);
    }

    private double[] ToMatrix() => [A, B, C, D, E, F, G, H, 1];

    private static Homography FromMatrix(double[] m)
    {
        var s = m[8];
        return new(m[0] / s, m[1] / s, m[2] / s, m[3] / s, m[4] / s, m[5] / s, m[6] / s, m[7] / s);
    }

    private static double[] Multiply(double[] l, double[] r)
    {
        var o = new double[9];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                o[i * 3 + j] = l[i * 3] * r[j] + l[i * 3 + 1] * r[3 + j] + l[i * 3 + 2] * r[6 + j];
        return o;
    }
}
