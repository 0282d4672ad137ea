using System.Runtime.InteropServices;
using Athar.Imaging.Raster;

namespace Athar.Imaging.TurboJpeg;

/// <summary>
/// Reads JPEG headers and decodes JPEGs to Gray8 or Rgb24 at 1, 1/2, 1/4 or 1/8 scale with libjpeg-turbo.
/// One instance holds one native decompressor: use it from one thread at a time. <see cref="Shared"/>
/// gives each thread its own.
/// </summary>
public sealed class JpegDecoder : IDisposable
{
    [ThreadStatic] private static JpegDecoder? s_shared;

    private static readonly Lazy<JpegScale[]> s_scales = new(LoadScales);

    // Replaced after any error or warning: libjpeg-turbo 2.1 can leave a decompressor failing every later call.
    private TurboJpegHandle _handle = TurboJpegHandle.CreateDecompressor();

    public static JpegDecoder Shared => s_shared ??= new JpegDecoder();

    /// <summary>The scaling factors this libjpeg-turbo supports (tjGetScalingFactors).</summary>
    public static IReadOnlyList<JpegScale> SupportedScales => s_scales.Value;

    /// <summary>
    /// Reads width, height, subsampling and colour space. Throws <see cref="TurboJpegException"/> when the
    /// header is unreadable; a mere warning (such as extraneous bytes before a marker, which genuine cameras
    /// write) is tolerated when <paramref name="tolerateWarnings"/> is true and the size was read.
    /// </summary>
    public unsafe JpegHeader ReadHeader(ReadOnlySpan<byte> jpeg, bool tolerateWarnings = false)
    {
        if (jpeg.IsEmpty) throw new TurboJpegException("empty input is not a JPEG", isWarning: false);
        int width = 0, height = 0, subsampling = -1, colorspace = -1;
        var addRef = false;
        try
        {
            _handle.DangerousAddRef(ref addRef);
            fixed (byte* data = jpeg)
            {
                if (TurboJpegNative.tjDecompressHeader3(_handle.DangerousGetHandle(), data, new CULong((nuint)jpeg.Length), &width, &height, &subsampling, &colorspace) != 0)
                {
                    var error = TurboJpegException.FromHandle(_handle, "tjDecompressHeader3");
                    ResetAfterError(ref addRef);
                    if (!(error.IsWarning && tolerateWarnings && width > 0 && height > 0)) throw error;
                }
            }
        }
        finally
        {
            if (addRef) _handle.DangerousRelease();
        }
        if (width <= 0 || height <= 0) throw new TurboJpegException($"the header gives no image size ({width}x{height})", isWarning: false);
        var known = subsampling is >= 0 and <= 5 ? (JpegSubsampling)subsampling : JpegSubsampling.Unknown;
        return new JpegHeader(width, height, known, colorspace);
    }

    /// <summary>
    /// Decodes to a new pooled buffer at <paramref name="scale"/> (default full size). Throws
    /// <see cref="TurboJpegException"/> on a fatal error; a warning (for example a truncated file, whose
    /// missing rows come out grey) throws too unless <paramref name="tolerateWarnings"/> is true.
    /// </summary>
    public ImageBuffer Decode(ReadOnlySpan<byte> jpeg, PixelLayout layout = PixelLayout.Rgb24, JpegScale? scale = null, bool tolerateWarnings = false)
        => Decode(jpeg, layout, scale ?? JpegScale.Full, tolerateWarnings, out _);

    /// <summary>As <see cref="Decode(ReadOnlySpan{byte}, PixelLayout, JpegScale?, bool)"/>, also giving the codec's warning text (null when clean).</summary>
    public unsafe ImageBuffer Decode(ReadOnlySpan<byte> jpeg, PixelLayout layout, JpegScale scale, bool tolerateWarnings, out string? warning)
    {
        if (!IsSupported(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "libjpeg-turbo does not offer this scale");
        var header = ReadHeader(jpeg, tolerateWarnings);
        var (width, height) = header.ScaledSize(scale);
        var image = ImageBuffer.Create(width, height, layout, clear: false);
        var format = layout == PixelLayout.Gray8 ? TurboJpegNative.TJPF_GRAY : TurboJpegNative.TJPF_RGB;
        var addRef = false;
        warning = null;
        try
        {
            _handle.DangerousAddRef(ref addRef);
            fixed (byte* data = jpeg)
            fixed (byte* target = image.Pixels)
            {
                if (TurboJpegNative.tjDecompress2(_handle.DangerousGetHandle(), data, new CULong((nuint)jpeg.Length), target, width, image.Stride, height, format, TurboJpegNative.TJFLAG_ACCURATEDCT) != 0)
                {
                    var error = TurboJpegException.FromHandle(_handle, "tjDecompress2");
                    ResetAfterError(ref addRef);
                    if (!error.IsWarning || !tolerateWarnings) throw error;
                    warning = error.Message;
                }
            }
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
        finally
        {
            if (addRef) _handle.DangerousRelease();
        }
    }

    private void ResetAfterError(ref bool addRef)
    {
        if (addRef)
        {
            _handle.DangerousRelease();
            addRef = false;
        }
        _handle.Dispose();
        _handle = TurboJpegHandle.CreateDecompressor();
    }

    public static bool IsSupported(JpegScale scale)
    {
        foreach (var s in s_scales.Value)
            if ((long)s.Num * scale.Denom == (long)scale.Num * s.Denom) return true;
        return false;
    }

    private static unsafe JpegScale[] LoadScales()
    {
        int count;
        var factors = TurboJpegNative.tjGetScalingFactors(&count);
        if (factors == null) return [JpegScale.Full];
        var result = new JpegScale[count];
        for (var i = 0; i < count; i++) result[i] = new JpegScale(factors[i].Num, factors[i].Denom);
        return result;
    }

    public void Dispose() => _handle.Dispose();
}
