using System.Buffers;

namespace Athar.Imaging.Raster;

/// <summary>
/// An 8-bit image held in one pooled byte array: Gray8 or interleaved Rgb24, rows <see cref="Stride"/>
/// bytes apart, top row first. Dispose it to return the array to the pool; a disposed buffer must not
/// be used again. Not thread-safe for writing; distinct rows may be written in parallel.
/// </summary>
public sealed class ImageBuffer : IDisposable
{
    private byte[]? _array;

    private ImageBuffer(int width, int height, PixelLayout layout, int stride, byte[] array)
    {
        Width = width;
        Height = height;
        Layout = layout;
        Stride = stride;
        _array = array;
    }

    public int Width { get; }
    public int Height { get; }
    public PixelLayout Layout { get; }
    public int Channels => (int)Layout;
    /// <summary>Bytes from the start of one row to the start of the next (at least Width * Channels).</summary>
    public int Stride { get; }
    public int ByteLength => Stride * Height;

    /// <summary>All rows, including any padding at the end of each row.</summary>
    public Span<byte> Pixels => Array.AsSpan(0, ByteLength);

    internal byte[] Array => _array ?? throw new ObjectDisposedException(nameof(ImageBuffer));

    /// <summary>A new buffer from the shared pool. Requires width, height &gt; 0. Contents are zeroed unless <paramref name="clear"/> is false.</summary>
    public static ImageBuffer Create(int width, int height, PixelLayout layout, bool clear = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var stride = checked(width * (int)layout);
        var array = ArrayPool<byte>.Shared.Rent(checked(stride * height));
        if (clear) System.Array.Clear(array, 0, stride * height);
        return new ImageBuffer(width, height, layout, stride, array);
    }

    /// <summary>Copies tightly packed or strided pixels into a new buffer.</summary>
    public static ImageBuffer FromPixels(ReadOnlySpan<byte> pixels, int width, int height, PixelLayout layout, int stride = 0)
    {
        var image = Create(width, height, layout, clear: false);
        var sourceStride = stride == 0 ? image.Stride : stride;
        if (pixels.Length < (long)sourceStride * (height - 1) + image.Stride)
            throw new ArgumentException($"{pixels.Length} bytes cannot hold {width}x{height} {layout} with stride {sourceStride}", nameof(pixels));
        for (var y = 0; y < height; y++) pixels.Slice(y * sourceStride, image.Stride).CopyTo(image.Row(y));
        return image;
    }

    /// <summary>The pixels of row <paramref name="y"/> (Width * Channels bytes). Requires 0 &lt;= y &lt; Height.</summary>
    public Span<byte> Row(int y)
    {
        if ((uint)y >= (uint)Height) throw new ArgumentOutOfRangeException(nameof(y), y, $"row outside 0..{Height - 1}");
        return Array.AsSpan(y * Stride, Width * Channels);
    }

    public ImageBuffer Clone()
    {
        var copy = Create(Width, Height, Layout, clear: false);
        Pixels.CopyTo(copy.Pixels);
        return copy;
    }

    /// <summary>A new buffer holding the pixels inside <paramref name="region"/>, which must lie inside the image.</summary>
    public ImageBuffer Crop(RectI region)
    {
        RequireInside(region);
        var result = Create(region.Width, region.Height, Layout, clear: false);
        for (var y = 0; y < region.Height; y++)
            Row(region.Y + y).Slice(region.X * Channels, region.Width * Channels).CopyTo(result.Row(y));
        return result;
    }

    /// <summary>Copies all of <paramref name="source"/> so that its top-left lands at (x, y); parts outside are clipped.</summary>
    public void Paste(ImageBuffer source, int x, int y)
    {
        if (source.Layout != Layout) throw new ArgumentException($"layout {source.Layout} differs from {Layout}", nameof(source));
        var target = new RectI(x, y, source.Width, source.Height).Intersect(new RectI(0, 0, Width, Height));
        for (var row = 0; row < target.Height; row++)
        {
            var src = source.Row(target.Y - y + row).Slice((target.X - x) * Channels, target.Width * Channels);
            src.CopyTo(Row(target.Y + row).Slice(target.X * Channels));
        }
    }

    public void RequireInside(RectI region)
    {
        if (region.Width <= 0 || region.Height <= 0 || region.X < 0 || region.Y < 0 || region.Right > Width || region.Bottom > Height)
            throw new ArgumentOutOfRangeException(nameof(region), region, $"region must lie inside {Width}x{Height}");
    }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null) ArrayPool<byte>.Shared.Return(array);
    }
}
