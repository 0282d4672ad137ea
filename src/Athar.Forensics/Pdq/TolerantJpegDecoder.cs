using System.Runtime.InteropServices;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Forensics.Pdq;

/// <summary>
/// A second way into libjpeg-turbo for JPEGs on which the codec only warns: Athar.Imaging's
/// <see cref="JpegDecoder.ReadHeader"/> throws on a warning (and <see cref="JpegDecoder.Decode(ReadOnlySpan{byte}, PixelLayout, JpegScale?, bool)"/>
/// reads the header that way first), so a genuine camera original with, for example, "14 extraneous bytes
/// before marker 0xdb" could not be hashed at all. libjpeg (and so the reference hasher) carries on past
/// warnings; this does the same and returns the warning's text. Fatal errors still throw. A fresh
/// decompressor is used for each call, since one that has reported a problem keeps reporting it.
/// Binds the same TurboJPEG 2.x calls as Athar.Imaging's TurboJpegNative (turbojpeg.h, 2.1).
/// </summary>
internal static partial class TolerantJpegDecoder
{
    private const string Library = "libturbojpeg.so.0";
    private const int TJPF_RGB = 0;
    private const int TJPF_GRAY = 6;
    private const int TJERR_WARNING = 0;
    private const int TJFLAG_ACCURATEDCT = 4096;

    /// <summary>
    /// Decodes at the scale <paramref name="chooseScale"/> picks from the full size, to grey when the JPEG is
    /// grey, else RGB. Throws <see cref="TurboJpegException"/> on fatal errors and on sizes over
    /// <paramref name="maxBytes"/>; warnings come back in <paramref name="warning"/>.
    /// </summary>
    public static unsafe ImageBuffer Decode(ReadOnlySpan<byte> jpeg, Func<int, int, JpegScale> chooseScale, long maxBytes, out string? warning)
    {
        if (jpeg.IsEmpty) throw new TurboJpegException("empty input is not a JPEG", isWarning: false);
        var handle = tjInitDecompress();
        if (handle == 0) throw new TurboJpegException("tjInitDecompress failed", isWarning: false);
        try
        {
            warning = null;
            int width, height, subsampling, colorspace;
            fixed (byte* data = jpeg)
            {
                if (tjDecompressHeader3(handle, data, new CULong((nuint)jpeg.Length), &width, &height, &subsampling, &colorspace) != 0)
                    warning = WarningOrThrow(handle, "tjDecompressHeader3");
            }
            if (width < 1 || height < 1)
                throw new TurboJpegException($"the JPEG header gives no usable image size ({width}x{height})", isWarning: false);
            var scale = chooseScale(width, height);
            var (scaledWidth, scaledHeight) = (scale.Apply(width), scale.Apply(height));
            var layout = colorspace == 2 ? PixelLayout.Gray8 : PixelLayout.Rgb24;
            if ((long)scaledWidth * scaledHeight * (int)layout > maxBytes)
                throw new TurboJpegException($"{width}x{height} is too large to decode at {scale}", isWarning: false);

            var image = ImageBuffer.Create(scaledWidth, scaledHeight, layout, clear: true);
            try
            {
                fixed (byte* data = jpeg)
                fixed (byte* target = image.Pixels)
                {
                    if (tjDecompress2(handle, data, new CULong((nuint)jpeg.Length), target, scaledWidth, image.Stride, scaledHeight,
                            layout == PixelLayout.Gray8 ? TJPF_GRAY : TJPF_RGB, TJFLAG_ACCURATEDCT) != 0)
                    {
                        warning ??= WarningOrThrow(handle, "tjDecompress2");
                    }
                }
                return image;
            }
            catch
            {
                image.Dispose();
                throw;
            }
        }
        finally
        {
            _ = tjDestroy(handle);
        }
    }

    private static string WarningOrThrow(nint handle, string call)
    {
        var text = tjGetErrorStr2(handle) is var p && p != 0 ? Marshal.PtrToStringUTF8(p) ?? "unknown" : "unknown";
        if (tjGetErrorCode(handle) != TJERR_WARNING) throw new TurboJpegException($"{call}: {text}", isWarning: false);
        return $"{call}: {text}";
    }

    [LibraryImport(Library)]
    private static partial nint tjInitDecompress();

    [LibraryImport(Library)]
    private static partial int tjDestroy(nint handle);

    [LibraryImport(Library)]
    private static unsafe partial int tjDecompressHeader3(nint handle, byte* jpegBuf, CULong jpegSize, int* width, int* height, int* jpegSubsamp, int* jpegColorspace);

    [LibraryImport(Library)]
    private static unsafe partial int tjDecompress2(nint handle, byte* jpegBuf, CULong jpegSize, byte* dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library)]
    private static partial nint tjGetErrorStr2(nint handle);

    [LibraryImport(Library)]
    private static partial int tjGetErrorCode(nint handle);
}
