using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;
using Athar.Imaging.Raster;

namespace Athar.Synth.Scenes;

/// <summary>
/// Renders one photo row by row into float albedo rows, then applies light, the camera's gain field
/// (vignetting and PRNU) and sensor noise with TensorPrimitives (SIMD), and packs the result into an
/// Rgb24 <see cref="ImageBuffer"/>. Shapes and the card touch only the spans they cover. Nothing is
/// allocated per pixel; the row buffers come from the array pool.
/// </summary>
internal static class SceneRenderer
{
    public static ImageBuffer Render(SceneSpec scene, ShotSpec shot, ImageBuffer? card, float[] gain, RenderAssets assets)
    {
        var width = scene.Width;
        var height = scene.Height;
        if (gain.Length != width * height) throw new ArgumentException("gain field does not match the image size", nameof(gain));
        var image = ImageBuffer.Create(width, height, PixelLayout.Rgb24, clear: false);
        var pool = ArrayPool<float>.Shared;
        var r = pool.Rent(width); var g = pool.Rent(width); var b = pool.Rent(width); var light = pool.Rent(width);
        var bytes = ArrayPool<byte>.Shared.Rent(width * 3);
        try
        {
            var view = shot.ImageToScene;
            var sceneToImage = view.Invert();
            var bodyBounds = new RectI[scene.Bodies.Length];
            for (var i = 0; i < scene.Bodies.Length; i++) bodyBounds[i] = BoundsInImage(scene.Bodies[i], sceneToImage, width, height);
            var cardToImage = default(Homography);
            var imageToCard = default(Homography);
            var cardBounds = default(RectI);
            if (card is not null)
            {
                cardToImage = CardPlacement(scene, shot, sceneToImage);
                imageToCard = cardToImage.Invert();
                Span<PointF> corners = [cardToImage.Apply(0, 0), cardToImage.Apply(1, 0), cardToImage.Apply(1, 1), cardToImage.Apply(0, 1)];
                cardBounds = RectI.Bounding(corners).Intersect(new RectI(0, 0, width, height));
            }
            var noise = new SynthRandom((ulong)shot.NoiseSeed);
            var texture = assets.Textures[scene.TextureKind];
            for (var y = 0; y < height; y++)
            {
                var rs = r.AsSpan(0, width); var gs = g.AsSpan(0, width); var bs = b.AsSpan(0, width); var ls = light.AsSpan(0, width);
                FloorRow(scene, view, texture, y, rs, gs, bs, ls);
                for (var i = 0; i < scene.Bodies.Length; i++)
                    if (y >= bodyBounds[i].Y && y < bodyBounds[i].Bottom) BodyRow(scene.Bodies[i], view, y, bodyBounds[i], rs, gs, bs, scene.IsForeign);
                if (card is not null && y >= cardBounds.Y && y < cardBounds.Bottom) CardRow(scene, card, imageToCard, y, cardBounds, rs, gs, bs);

                // Light (exposure times a linear gradient) times the sensor's gain field, then noise.
                var rowBase = shot.Exposure * (1f + shot.GradientY * ((y + 0.5f) / height - 0.5f) - 0.5f * shot.GradientX);
                var slope = shot.Exposure * shot.GradientX / width;
                Shade(rs, gs, bs, assets.XRamp, gain.AsSpan(y * width, width), slope, rowBase,
                    assets.Noise.AsSpan(noise.Next(RenderAssets.NoiseLength), width), assets.Noise.AsSpan(noise.Next(RenderAssets.NoiseLength), width),
                    assets.Noise.AsSpan(noise.Next(RenderAssets.NoiseLength), width), shot.NoiseSigma);
                Pack(rs, gs, bs, bytes.AsSpan(0, width * 3), image.Row(y));
            }
        }
        finally
        {
            pool.Return(r); pool.Return(g); pool.Return(b); pool.Return(light);
            ArrayPool<byte>.Shared.Return(bytes);
        }
        return image;
    }

    /// <summary>Where the card's unit square lands in the image: scene placement, then the shot's slight perspective.</summary>
    public static Homography CardPlacement(SceneSpec scene, ShotSpec shot, Homography sceneToImage)
    {
        var h = scene.CardHeight;
        var w = h * CardTexture.Width / CardTexture.Height;
        var cos = MathF.Cos(scene.CardAngle);
        var sin = MathF.Sin(scene.CardAngle);
        Span<PointF> corners = stackalloc PointF[4];
        ReadOnlySpan<(float X, float Y)> unit = [(-0.5f, -0.5f), (0.5f, -0.5f), (0.5f, 0.5f), (-0.5f, 0.5f)];
        for (var i = 0; i < 4; i++)
        {
            var lx = unit[i].X * w;
            var ly = unit[i].Y * h;
            var sx = scene.CardCentre.X + lx * cos - ly * sin;
            var sy = scene.CardCentre.Y + lx * sin + ly * cos;
            var p = sceneToImage.Apply(sx, sy);
            corners[i] = new PointF(p.X + shot.CardCornerJitter[i].X, p.Y + shot.CardCornerJitter[i].Y);
        }
        return Homography.SquareToQuad(corners[0], corners[1], corners[2], corners[3]);
    }

    private static void FloorRow(SceneSpec scene, Homography view, float[] texture, int y, Span<float> r, Span<float> g, Span<float> b, Span<float> scratch)
    {
        var start = view.Apply(0.5, y + 0.5);
        var scale = scene.TextureScale;
        var sx = start.X * scale + scene.TextureOffsetX + 4096f;
        var sy = start.Y * scale + scene.TextureOffsetY + 4096f;
        var stepX = (float)view.A * scale;
        var stepY = (float)view.D * scale;
        for (var x = 0; x < scratch.Length; x++)
        {
            scratch[x] = texture[((int)sy & RenderAssets.TextureMask) * RenderAssets.TextureSize + ((int)sx & RenderAssets.TextureMask)];
            sx += stepX;
            sy += stepY;
        }
        if (!scene.IsForeign)
        {
            TensorPrimitives.Multiply(scratch, scene.FloorR, r);
            TensorPrimitives.Multiply(scratch, scene.FloorG, g);
            TensorPrimitives.Multiply(scratch, scene.FloorB, b);
            return;
        }
        // Foreign scene: hazy sky above a horizon, open ground below.
        var sceneY = start.Y;
        if (sceneY < scene.HorizonY)
        {
            var t = Math.Clamp(sceneY / Math.Max(1f, scene.HorizonY), 0f, 1f);
            r.Fill(150 + 60 * t); g.Fill(175 + 45 * t); b.Fill(205 + 25 * t);
            return;
        }
        TensorPrimitives.Multiply(scratch, scene.FloorR, r);
        TensorPrimitives.Multiply(scratch, scene.FloorG, g);
        TensorPrimitives.Multiply(scratch, scene.FloorB, b);
    }

    private static RectI BoundsInImage(BodyShape body, Homography sceneToImage, int width, int height)
    {
        var margin = body.Radius * 1.6f + 4;
        var minX = MathF.Min(MathF.Min(body.A.X, body.B.X), body.Head.X - body.HeadRadius) - margin;
        var maxX = MathF.Max(MathF.Max(body.A.X, body.B.X), body.Head.X + body.HeadRadius) + margin;
        var minY = MathF.Min(MathF.Min(body.A.Y, body.B.Y), body.Head.Y - body.HeadRadius) - margin;
        var maxY = MathF.Max(MathF.Max(body.A.Y, body.B.Y), body.Head.Y + body.HeadRadius) + margin;
        Span<PointF> corners = [sceneToImage.Apply(minX, minY), sceneToImage.Apply(maxX, minY), sceneToImage.Apply(maxX, maxY), sceneToImage.Apply(minX, maxY)];
        return RectI.Bounding(corners).Intersect(new RectI(0, 0, width, height));
    }

    private static void BodyRow(in BodyShape body, Homography view, int y, RectI bounds, Span<float> r, Span<float> g, Span<float> b, bool foreign)
    {
        var start = view.Apply(bounds.X + 0.5, y + 0.5);
        float sx = start.X, sy = start.Y;
        float stepX = (float)view.A, stepY = (float)view.D;
        float ax = body.A.X, ay = body.A.Y;
        float abx = body.B.X - ax, aby = body.B.Y - ay;
        var inverseLength2 = 1f / MathF.Max(1e-6f, abx * abx + aby * aby);
        var radius = body.Radius;
        var shadowWidth = radius * 0.45f;
        var barReach2 = (radius + shadowWidth) * (radius + shadowWidth);
        var headReach2 = (body.HeadRadius + shadowWidth) * (body.HeadRadius + shadowWidth);
        for (var x = bounds.X; x < bounds.Right; x++, sx += stepX, sy += stepY)
        {
            // Distance to the bar (capsule) and to the head disc, in scene pixels.
            var t = Math.Clamp(((sx - ax) * abx + (sy - ay) * aby) * inverseLength2, 0f, 1f);
            var dx = sx - (ax + abx * t);
            var dy = sy - (ay + aby * t);
            var d2 = dx * dx + dy * dy;
            var hx = sx - body.Head.X;
            var hy = sy - body.Head.Y;
            var h2 = hx * hx + hy * hy;
            // Most pixels of the bounding box are clear of shape and shadow: skip them without a square root.
            if (d2 >= barReach2 && (body.HeadRadius <= 0 || h2 >= headReach2)) continue;
            var d = MathF.Sqrt(d2);
            var barEdge = d - radius;
            var relative = d / radius;
            if (body.HeadRadius > 0)
            {
                var dh = MathF.Sqrt(h2);
                if (dh - body.HeadRadius < barEdge) { barEdge = dh - body.HeadRadius; relative = dh / body.HeadRadius; }
            }
            if (barEdge >= shadowWidth) continue;
            if (barEdge > 0)
            {
                // Soft contact shadow on the floor beside the shape.
                var dark = 1f - (foreign ? 0.2f : 0.35f) * (1f - barEdge / shadowWidth);
                r[x] *= dark; g[x] *= dark; b[x] *= dark;
                continue;
            }
            // Rounded shading across the shape: lit on top, darker at its sides.
            var shade = 0.72f + 0.28f * MathF.Sqrt(MathF.Max(0f, 1f - relative * relative));
            var coverage = Math.Clamp(-barEdge, 0f, 1f);
            r[x] += (body.R * shade - r[x]) * coverage;
            g[x] += (body.G * shade - g[x]) * coverage;
            b[x] += (body.Bl * shade - b[x]) * coverage;
        }
    }

    private static void CardRow(SceneSpec scene, ImageBuffer card, Homography imageToCard, int y, RectI bounds, Span<float> r, Span<float> g, Span<float> b)
    {
        var shadowX = MathF.Cos(scene.ShadowAngle);
        var shadowY = MathF.Sin(scene.ShadowAngle);
        var shadowLimit = scene.ShadowOffset - 0.5f;
        var width = card.Width;
        var height = card.Height;
        var stride = card.Stride;
        var pixels = card.Pixels;
        // The projective map is linear in x along a row before the division: step numerators and denominator.
        var x0 = bounds.X + 0.5;
        var cy = y + 0.5;
        var nu = imageToCard.A * x0 + imageToCard.B * cy + imageToCard.C;
        var nv = imageToCard.D * x0 + imageToCard.E * cy + imageToCard.F;
        var w = imageToCard.G * x0 + imageToCard.H * cy + 1;
        for (var x = bounds.X; x < bounds.Right; x++, nu += imageToCard.A, nv += imageToCard.D, w += imageToCard.G)
        {
            var inverse = 1.0 / w;
            var u = (float)(nu * inverse);
            var v = (float)(nv * inverse);
            if (u < 0 || v < 0 || u >= 1 || v >= 1) continue;
            if (scene.Covers(u, v)) continue;
            // Bilinear sample of the card texture, edges clamped.
            var tu = Math.Clamp(u * width - 0.5f, 0f, width - 1);
            var tv = Math.Clamp(v * height - 0.5f, 0f, height - 1);
            var ix = (int)tu;
            var iy = (int)tv;
            var fx = tu - ix;
            var fy = tv - iy;
            var o00 = iy * stride + ix * 3;
            var o01 = ix + 1 < width ? o00 + 3 : o00;
            var o10 = iy + 1 < height ? o00 + stride : o00;
            var o11 = iy + 1 < height ? o01 + stride : o01;
            var shade = (u - 0.5f) * shadowX + (v - 0.5f) * shadowY > shadowLimit ? scene.ShadowStrength : 1f;
            // Antialias the card's edge over about one image pixel.
            var edge = MathF.Min(MathF.Min(u, 1 - u) * width, MathF.Min(v, 1 - v) * height) * 0.6f;
            var coverage = Math.Clamp(edge, 0f, 1f);
            r[x] += (Bilinear(pixels, o00, o01, o10, o11, fx, fy) * shade - r[x]) * coverage;
            g[x] += (Bilinear(pixels, o00 + 1, o01 + 1, o10 + 1, o11 + 1, fx, fy) * shade - g[x]) * coverage;
            b[x] += (Bilinear(pixels, o00 + 2, o01 + 2, o10 + 2, o11 + 2, fx, fy) * shade - b[x]) * coverage;
        }
    }

    private static float Bilinear(ReadOnlySpan<byte> pixels, int o00, int o01, int o10, int o11, float fx, float fy)
    {
        var top = pixels[o00] + (pixels[o01] - pixels[o00]) * fx;
        var bottom = pixels[o10] + (pixels[o11] - pixels[o10]) * fx;
        return top + (bottom - top) * fy;
    }

    /// <summary>
    /// One fused pass: channel = channel * (x * slope + rowBase) * gain + noise * sigma + 0.5 (the +0.5
    /// rounds in the saturating conversion), with System.Numerics.Vector and a scalar tail. Equivalent to
    /// the TensorPrimitives sequence in <see cref="ShadeReference"/>, which the tests compare it with.
    /// </summary>
    internal static void Shade(Span<float> r, Span<float> g, Span<float> b, ReadOnlySpan<float> ramp, ReadOnlySpan<float> gain, float slope, float rowBase,
        ReadOnlySpan<float> noiseR, ReadOnlySpan<float> noiseG, ReadOnlySpan<float> noiseB, float sigma)
    {
        var width = r.Length;
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vSlope = new Vector<float>(slope);
            var vBase = new Vector<float>(rowBase);
            var sr = new Vector<float>(sigma);
            var sg = new Vector<float>(sigma * 0.8f);
            var sb = new Vector<float>(sigma * 1.1f);
            var half = new Vector<float>(0.5f);
            for (; x <= width - Vector<float>.Count; x += Vector<float>.Count)
            {
                var light = (new Vector<float>(ramp[x..]) * vSlope + vBase) * new Vector<float>(gain[x..]);
                (new Vector<float>(r[x..]) * light + new Vector<float>(noiseR[x..]) * sr + half).CopyTo(r[x..]);
                (new Vector<float>(g[x..]) * light + new Vector<float>(noiseG[x..]) * sg + half).CopyTo(g[x..]);
                (new Vector<float>(b[x..]) * light + new Vector<float>(noiseB[x..]) * sb + half).CopyTo(b[x..]);
            }
        }
        for (; x < width; x++)
        {
            var light = (ramp[x] * slope + rowBase) * gain[x];
            r[x] = r[x] * light + noiseR[x] * sigma + 0.5f;
            g[x] = g[x] * light + noiseG[x] * sigma * 0.8f + 0.5f;
            b[x] = b[x] * light + noiseB[x] * sigma * 1.1f + 0.5f;
        }
    }

    /// <summary>The same computation as <see cref="Shade"/> as separate TensorPrimitives steps: the reference the tests trust.</summary>
    internal static void ShadeReference(Span<float> r, Span<float> g, Span<float> b, ReadOnlySpan<float> ramp, ReadOnlySpan<float> gain, float slope, float rowBase,
        ReadOnlySpan<float> noiseR, ReadOnlySpan<float> noiseG, ReadOnlySpan<float> noiseB, float sigma)
    {
        var light = new float[r.Length];
        TensorPrimitives.Multiply(ramp[..r.Length], slope, light);
        TensorPrimitives.Add(light, rowBase, light);
        TensorPrimitives.Multiply(light, gain, light);
        TensorPrimitives.Multiply(r, light, r);
        TensorPrimitives.Multiply(g, light, g);
        TensorPrimitives.Multiply(b, light, b);
        AddNoise(r, noiseR, sigma);
        AddNoise(g, noiseG, sigma * 0.8f);
        AddNoise(b, noiseB, sigma * 1.1f);
    }

    private static void AddNoise(Span<float> channel, ReadOnlySpan<float> noise, float sigma)
    {
        TensorPrimitives.MultiplyAdd(noise[..channel.Length], sigma, channel, channel);
        TensorPrimitives.Add(channel, 0.5f, channel);
    }

    /// <summary>
    /// Truncates floats to bytes, saturating at 0 and 255 (NaN becomes 0): clamp, convert to int, then
    /// narrow twice, 4 x Vector&lt;float&gt;.Count values at a time (TensorPrimitives.ConvertSaturating is
    /// scalar for float to byte in .NET 10). Scalar tail; <see cref="ToBytesReference"/> is the truth.
    /// </summary>
    internal static void ToBytes(ReadOnlySpan<float> source, Span<byte> target)
    {
        var x = 0;
        var n = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var zero = Vector<float>.Zero;
            var max = new Vector<float>(255f);
            for (; x <= source.Length - 4 * n; x += 4 * n)
            {
                var a = Vector.ConvertToInt32(Vector.Min(Vector.Max(new Vector<float>(source[x..]), zero), max));
                var b = Vector.ConvertToInt32(Vector.Min(Vector.Max(new Vector<float>(source[(x + n)..]), zero), max));
                var c = Vector.ConvertToInt32(Vector.Min(Vector.Max(new Vector<float>(source[(x + 2 * n)..]), zero), max));
                var d = Vector.ConvertToInt32(Vector.Min(Vector.Max(new Vector<float>(source[(x + 3 * n)..]), zero), max));
                var low = Vector.Narrow(Vector.AsVectorUInt32(a), Vector.AsVectorUInt32(b));
                var high = Vector.Narrow(Vector.AsVectorUInt32(c), Vector.AsVectorUInt32(d));
                Vector.Narrow(low, high).CopyTo(target[x..]);
            }
        }
        for (; x < source.Length; x++) target[x] = ToByte(source[x]);
    }

    internal static void ToBytesReference(ReadOnlySpan<float> source, Span<byte> target)
    {
        for (var x = 0; x < source.Length; x++) target[x] = ToByte(source[x]);
    }

    private static byte ToByte(float value) => value >= 255f ? (byte)255 : value > 0f ? (byte)value : (byte)0;

    private static void Pack(ReadOnlySpan<float> r, ReadOnlySpan<float> g, ReadOnlySpan<float> b, Span<byte> scratch, Span<byte> row)
    {
        var width = r.Length;
        var rb = scratch[..width];
        var gb = scratch.Slice(width, width);
        var bb = scratch.Slice(2 * width, width);
        ToBytes(r, rb);
        ToBytes(g, gb);
        ToBytes(b, bb);
        // One unaligned 4-byte store per pixel; the fourth byte is overwritten by the next pixel.
        ref var target = ref MemoryMarshal.GetReference(row);
        var last = width - 1;
        for (var x = 0; x < last; x++)
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, 3 * x), rb[x] | (uint)gb[x] << 8 | (uint)bb[x] << 16);
        row[3 * last] = rb[last];
        row[3 * last + 1] = gb[last];
        row[3 * last + 2] = bb[last];
    }
}
