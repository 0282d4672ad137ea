namespace Athar.Imaging.Raster;

/// <summary>An integer rectangle: X, Y of the top-left pixel, Width and Height in pixels.</summary>
public readonly record struct RectI(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;
    public bool IsEmpty => Width <= 0 || Height <= 0;

    public RectI Intersect(RectI other)
    {
        var x0 = Math.Max(X, other.X);
        var y0 = Math.Max(Y, other.Y);
        var x1 = Math.Min(Right, other.Right);
        var y1 = Math.Min(Bottom, other.Bottom);
        return x1 <= x0 || y1 <= y0 ? default : new RectI(x0, y0, x1 - x0, y1 - y0);
    }

    public bool Intersects(RectI other) => !Intersect(other).IsEmpty;

    /// <summary>The smallest integer rectangle holding all the given points.</summary>
    public static RectI Bounding(ReadOnlySpan<PointF> points)
    {
        float x0 = float.MaxValue, y0 = float.MaxValue, x1 = float.MinValue, y1 = float.MinValue;
        foreach (var p in points)
        {
            x0 = MathF.Min(x0, p.X); y0 = MathF.Min(y0, p.Y);
            x1 = MathF.Max(x1, p.X); y1 = MathF.Max(y1, p.Y);
        }
        var ix = (int)MathF.Floor(x0);
        var iy = (int)MathF.Floor(y0);
        return new RectI(ix, iy, (int)MathF.Ceiling(x1) - ix + 1, (int)MathF.Ceiling(y1) - iy + 1);
    }
}

/// <summary>A point in pixel coordinates (pixel centres are at .5).</summary>
public readonly record struct PointF(float X, float Y);
