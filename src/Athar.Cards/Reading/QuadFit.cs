using Athar.Imaging.Raster;

namespace Athar.Cards.Reading;

/// <summary>
/// Geometry for turning a blob of card pixels into the card's four corners: convex hull (Andrew's monotone
/// chain), minimum-area enclosing rectangle (rotating calipers over the hull's edges, Freeman and Shapira
/// 1975), then each side re-fitted by least squares to the boundary points along its middle, so slight
/// perspective is kept and a covered corner does not pull a side.
/// </summary>
internal static class QuadFit
{
    /// <summary>Convex hull of <paramref name="points"/>, counter-clockwise in y-up terms. Sorts the input in place.</summary>
    public static List<(double X, double Y)> Hull(List<(double X, double Y)> points)
    {
        points.Sort((a, b) => a.X != b.X ? a.X.CompareTo(b.X) : a.Y.CompareTo(b.Y));
        var hull = new List<(double X, double Y)>(points.Count + 1);
        if (points.Count < 3) return [.. points];
        for (var pass = 0; pass < 2; pass++)
        {
            var start = hull.Count;
            for (var k = 0; k < points.Count; k++)
            {
                var p = pass == 0 ? points[k] : points[points.Count - 1 - k];
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0) hull.RemoveAt(hull.Count - 1);
                hull.Add(p);
            }
            hull.RemoveAt(hull.Count - 1);
        }
        return hull;
    }

    private static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b)
        => (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);

    /// <summary>The minimum-area rectangle around a convex hull: its four corners and its area.</summary>
    public static ((double X, double Y)[] Corners, double Area) MinAreaRectangle(List<(double X, double Y)> hull)
    {
        var best = double.MaxValue;
        var corners = new (double X, double Y)[4];
        for (var i = 0; i < hull.Count; i++)
        {
            var a = hull[i];
            var b = hull[(i + 1) % hull.Count];
            var len = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
            if (len < 1e-9) continue;
            double ux = (b.X - a.X) / len, uy = (b.Y - a.Y) / len;
            double minU = double.MaxValue, maxU = double.MinValue, minV = double.MaxValue, maxV = double.MinValue;
            foreach (var p in hull)
            {
                var u = p.X * ux + p.Y * uy;
                var v = -p.X * uy + p.Y * ux;
                minU = Math.Min(minU, u); maxU = Math.Max(maxU, u);
                minV = Math.Min(minV, v); maxV = Math.Max(maxV, v);
            }
            var area = (maxU - minU) * (maxV - minV);
            if (area >= best) continue;
            best = area;
            (double X, double Y) At(double u, double v) => (u * ux - v * uy, u * uy + v * ux);
            corners[0] = At(minU, minV);
            corners[1] = At(maxU, minV);
            corners[2] = At(maxU, maxV);
            corners[3] = At(minU, maxV);
        }
        return (corners, best);
    }

    /// <summary>
    /// Re-fits each side of <paramref name="rectangle"/> to the boundary points near its middle 70%, and
    /// returns the intersections of consecutive sides. Falls back to the rectangle's side where too few
    /// points support a fit, and to the rectangle when the result is not a sane convex quad.
    /// </summary>
    public static (double X, double Y)[] RefineSides((double X, double Y)[] rectangle, List<(double X, double Y)> boundary, double tolerance)
    {
        var lines = new (double Nx, double Ny, double C)[4];
        for (var s = 0; s < 4; s++)
        {
            var a = rectangle[s];
            var b = rectangle[(s + 1) % 4];
            var len = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
            double ux = (b.X - a.X) / len, uy = (b.Y - a.Y) / len;
            double nx = -uy, ny = ux;
            var c = -(nx * a.X + ny * a.Y);
            lines[s] = (nx, ny, c);
            // Points along this side's middle, close to it.
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            var n = 0;
            foreach (var p in boundary)
            {
                var along = (p.X - a.X) * ux + (p.Y - a.Y) * uy;
                if (along < 0.15 * len || along > 0.85 * len) continue;
                if (Math.Abs(nx * p.X + ny * p.Y + c) > tolerance) continue;
                sx += p.X; sy += p.Y; sxx += p.X * p.X; syy += p.Y * p.Y; sxy += p.X * p.Y; n++;
            }
            if (n < 6) continue;
            // Total least squares: the line through the centroid along the principal axis of the points.
            var mx = sx / n;
            var my = sy / n;
            var cxx = sxx / n - mx * mx;
            var cyy = syy / n - my * my;
            var cxy = sxy / n - mx * my;
            var angle = 0.5 * Math.Atan2(2 * cxy, cxx - cyy);
            double dx = Math.Cos(angle), dy = Math.Sin(angle);
            if (dx * ux + dy * uy < 0) { dx = -dx; dy = -dy; }
            if (dx * ux + dy * uy < 0.97) continue; // more than ~14 degrees off the rectangle: not this side
            lines[s] = (-dy, dx, -(-dy * mx + dx * my));
        }
        var quad = new (double X, double Y)[4];
        for (var i = 0; i < 4; i++)
        {
            var l1 = lines[(i + 3) % 4];
            var l2 = lines[i];
            var det = l1.Nx * l2.Ny - l1.Ny * l2.Nx;
            if (Math.Abs(det) < 1e-6) return rectangle;
            quad[i] = ((l1.Ny * l2.C - l2.Ny * l1.C) / det, (l2.Nx * l1.C - l1.Nx * l2.C) / det);
            var r = rectangle[i];
            if (Math.Abs(quad[i].X - r.X) + Math.Abs(quad[i].Y - r.Y) > 6 * tolerance) return rectangle;
        }
        return quad;
    }

    /// <summary>
    /// Orders four corners clockwise on screen (y down), starting with the corner whose outgoing edge points
    /// most nearly along +x: the top-left of upright writing, for cards turned less than 45 degrees.
    /// </summary>
    public static PointF[] Orient((double X, double Y)[] corners)
    {
        var signed = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var a = corners[i];
            var b = corners[(i + 1) % 4];
            signed += a.X * b.Y - b.X * a.Y;
        }
        var ordered = signed > 0 ? corners : [corners[0], corners[3], corners[2], corners[1]];
        var start = 0;
        var bestCos = double.MinValue;
        for (var i = 0; i < 4; i++)
        {
            var a = ordered[i];
            var b = ordered[(i + 1) % 4];
            var len = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
            var cos = len > 0 ? (b.X - a.X) / len : -1;
            if (cos > bestCos) { bestCos = cos; start = i; }
        }
        var result = new PointF[4];
        for (var i = 0; i < 4; i++)
        {
            var p = ordered[(start + i) % 4];
            result[i] = new PointF((float)p.X, (float)p.Y);
        }
        return result;
    }
}
