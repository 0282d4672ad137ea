namespace Athar.Imaging.Raster;

/// <summary>Drawing primitives on <see cref="ImageBuffer"/>. All clip to the image; none allocate per pixel.</summary>
public static class Draw
{
    /// <summary>Sets every pixel of <paramref name="region"/> (clipped) to one colour; grey images take <paramref name="r"/>.</summary>
    public static void FillRect(ImageBuffer image, RectI region, byte r, byte g, byte b)
    {
        var clip = region.Intersect(new RectI(0, 0, image.Width, image.Height));
        if (clip.IsEmpty) return;
        for (var y = clip.Y; y < clip.Bottom; y++)
        {
            var row = image.Row(y).Slice(clip.X * image.Channels, clip.Width * image.Channels);
            if (image.Layout == PixelLayout.Gray8) { row.Fill(r); continue; }
            for (var i = 0; i < row.Length; i += 3) { row[i] = r; row[i + 1] = g; row[i + 2] = b; }
        }
    }

    public static void Fill(ImageBuffer image, byte r, byte g, byte b) => FillRect(image, new RectI(0, 0, image.Width, image.Height), r, g, b);

    /// <summary>
    /// Fills a polygon (even-odd rule, pixel centres) with a colour at <paramref name="opacity"/> in 0..1.
    /// Requires 3 vertices or more; past 64 (a blob's convex hull) the crossings of a row are kept on the heap.
    /// </summary>
    public static void FillPolygon(ImageBuffer image, ReadOnlySpan<PointF> vertices, byte r, byte g, byte b, float opacity = 1f)
    {
        if (vertices.Length < 3) throw new ArgumentOutOfRangeException(nameof(vertices), vertices.Length, "3 vertices or more");
        var bounds = RectI.Bounding(vertices).Intersect(new RectI(0, 0, image.Width, image.Height));
        if (bounds.IsEmpty) return;
        Span<float> crossings = vertices.Length <= 64 ? stackalloc float[64] : new float[vertices.Length];
        var alpha = (int)(Math.Clamp(opacity, 0f, 1f) * 256);
        var colour = (stackalloc byte[] { r, g, b });
        for (var y = bounds.Y; y < bounds.Bottom; y++)
        {
            var cy = y + 0.5f;
            var count = 0;
            for (var i = 0; i < vertices.Length; i++)
            {
                var p = vertices[i];
                var q = vertices[(i + 1) % vertices.Length];
                if ((p.Y <= cy && q.Y > cy) || (q.Y <= cy && p.Y > cy))
                    crossings[count++] = p.X + (cy - p.Y) / (q.Y - p.Y) * (q.X - p.X);
            }
            crossings[..count].Sort();
            var row = image.Row(y);
            for (var k = 0; k + 1 < count; k += 2)
            {
                var x0 = Math.Max(bounds.X, (int)MathF.Ceiling(crossings[k] - 0.5f));
                var x1 = Math.Min(bounds.Right, (int)MathF.Ceiling(crossings[k + 1] - 0.5f));
                for (var x = x0; x < x1; x++)
                {
                    var o = x * image.Channels;
                    for (var c = 0; c < image.Channels; c++)
                        row[o + c] = (byte)((row[o + c] * (256 - alpha) + colour[c] * alpha) >> 8);
                }
            }
        }
    }

    /// <summary>
    /// Draws <paramref name="texture"/> into <paramref name="target"/> through a projective map from texture
    /// pixel coordinates to target pixel coordinates (a rotated, scaled or perspective-warped quad), sampling
    /// bilinearly. Both images must have the same layout. <paramref name="opacity"/> scales the coverage.
    /// </summary>
    public static void WarpQuad(ImageBuffer target, ImageBuffer texture, Homography textureToTarget, float opacity = 1f)
    {
        if (target.Layout != texture.Layout) throw new ArgumentException("layouts differ", nameof(texture));
        Span<PointF> corners = stackalloc PointF[4];
        corners[0] = textureToTarget.Apply(0, 0);
        corners[1] = textureToTarget.Apply(texture.Width, 0);
        corners[2] = textureToTarget.Apply(texture.Width, texture.Height);
        corners[3] = textureToTarget.Apply(0, texture.Height);
        var bounds = RectI.Bounding(corners).Intersect(new RectI(0, 0, target.Width, target.Height));
        if (bounds.IsEmpty) return;
        var inverse = textureToTarget.Invert();
        var channels = target.Channels;
        var alpha = Math.Clamp(opacity, 0f, 1f);
        Span<float> sample = stackalloc float[3];
        for (var y = bounds.Y; y < bounds.Bottom; y++)
        {
            var row = target.Row(y);
            for (var x = bounds.X; x < bounds.Right; x++)
            {
                var t = inverse.Apply(x + 0.5, y + 0.5);
                var u = t.X - 0.5f;
                var v = t.Y - 0.5f;
                if (u < -0.5f || v < -0.5f || u > texture.Width - 0.5f || v > texture.Height - 0.5f) continue;
                SampleBilinear(texture, u, v, sample);
                var o = x * channels;
                for (var c = 0; c < channels; c++)
                    row[o + c] = (byte)(row[o + c] + (sample[c] - row[o + c]) * alpha + 0.5f);
            }
        }
    }

    /// <summary>Bilinear sample at (u, v) in pixel-centre coordinates, clamped at the edges, into <paramref name="result"/> (one value per channel).</summary>
    public static void SampleBilinear(ImageBuffer image, float u, float v, Span<float> result)
    {
        var channels = image.Channels;
        u = Math.Clamp(u, 0f, image.Width - 1);
        v = Math.Clamp(v, 0f, image.Height - 1);
        var x0 = (int)u;
        var y0 = (int)v;
        var x1 = Math.Min(x0 + 1, image.Width - 1);
        var y1 = Math.Min(y0 + 1, image.Height - 1);
        var fx = u - x0;
        var fy = v - y0;
        var pixels = image.Array;
        var r0 = y0 * image.Stride;
        var r1 = y1 * image.Stride;
        for (var c = 0; c < channels; c++)
        {
            float a = pixels[r0 + x0 * channels + c], b = pixels[r0 + x1 * channels + c];
            float d = pixels[r1 + x0 * channels + c], e = pixels[r1 + x1 * channels + c];
            var top = a + (b - a) * fx;
            var bottom = d + (e - d) * fx;
            result[c] = top + (bottom - top) * fy;
        }
    }

    /// <summary>Blends <paramref name="source"/> over <paramref name="target"/> (same size and layout) at <paramref name="opacity"/>.</summary>
    public static void Blend(ImageBuffer target, ImageBuffer source, float opacity)
    {
        if (target.Layout != source.Layout || target.Width != source.Width || target.Height != source.Height)
            throw new ArgumentException("images differ in size or layout", nameof(source));
        var alpha = (int)(Math.Clamp(opacity, 0f, 1f) * 256);
        for (var y = 0; y < target.Height; y++)
        {
            var t = target.Row(y);
            var s = source.Row(y);
            for (var i = 0; i < t.Length; i++) t[i] = (byte)((t[i] * (256 - alpha) + s[i] * alpha) >> 8);
        }
    }
}
