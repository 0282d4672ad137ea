using System.Runtime.InteropServices;
using Athar.Imaging.Raster;

namespace Athar.Imaging.TurboJpeg;

/// <summary>
/// Encodes 8-bit Gray or RGB pixels to baseline (or progressive) JPEG with libjpeg-turbo. One instance
/// holds one native compressor: use it from one thread at a time, and dispose it. <see cref="Shared"/>
/// gives each thread its own.
/// </summary>
public sealed class JpegEncoder : IDisposable
{
    [ThreadStatic] private static JpegEncoder? s_shared;

    // libjpeg-turbo 2.1's TurboJPEG keeps the progressive scan script on the handle: the next baseline
    // encode on it comes out corrupt ("bad Huffman code"). So a handle that made a progressive JPEG, or
    // failed, is replaced before it is used again.
    private TurboJpegHandle _handle = TurboJpegHandle.CreateCompressor();

    /// <summary>An encoder private to the calling thread, created on first use and kept for the thread's life.</summary>
    public static JpegEncoder Shared => s_shared ??= new JpegEncoder();

    /// <summary>
    /// Encodes <paramref name="image"/> at IJG <paramref name="quality"/> 1..100. Grey images are always
    /// written with one component, whatever <paramref name="subsampling"/> says.
    /// </summary>
    public byte[] Encode(ImageBuffer image, int quality, JpegSubsampling subsampling = JpegSubsampling.Yuv420, bool progressive = false)
        => Encode(image.Pixels, image.Width, image.Height, image.Stride, image.Layout, quality, subsampling, progressive);

    /// <summary>Encodes raw pixels; <paramref name="stride"/> is the byte distance between rows.</summary>
    public unsafe byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelLayout layout, int quality,
        JpegSubsampling subsampling = JpegSubsampling.Yuv420, bool progressive = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        if (subsampling == JpegSubsampling.Unknown) throw new ArgumentOutOfRangeException(nameof(subsampling), "choose a subsampling");
        if (stride < width * (int)layout || pixels.Length < (long)stride * (height - 1) + width * (int)layout)
            throw new ArgumentException($"{pixels.Length} bytes with stride {stride} cannot hold {width}x{height} {layout}", nameof(pixels));
        var format = layout == PixelLayout.Gray8 ? TurboJpegNative.TJPF_GRAY : TurboJpegNative.TJPF_RGB;
        var samp = layout == PixelLayout.Gray8 ? (int)JpegSubsampling.Gray : (int)subsampling;
        var flags = TurboJpegNative.TJFLAG_ACCURATEDCT | (progressive ? TurboJpegNative.TJFLAG_PROGRESSIVE : 0);
        byte* output = null;
        var size = new CULong(0);
        var addRef = false;
        try
        {
            _handle.DangerousAddRef(ref addRef);
            fixed (byte* source = pixels)
            {
                if (TurboJpegNative.tjCompress2(_handle.DangerousGetHandle(), source, width, stride, height, format, &output, &size, samp, quality, flags) != 0)
                {
                    progressive = true; // replace the handle below
                    throw TurboJpegException.FromHandle(_handle, "tjCompress2");
                }
            }
            return new ReadOnlySpan<byte>(output, checked((int)size.Value)).ToArray();
        }
        finally
        {
            if (output != null) TurboJpegNative.tjFree(output);
            if (addRef) _handle.DangerousRelease();
            if (progressive)
            {
                _handle.Dispose();
                _handle = TurboJpegHandle.CreateCompressor();
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
