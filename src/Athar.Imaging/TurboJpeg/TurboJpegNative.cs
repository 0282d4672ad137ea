using System.Runtime.InteropServices;

namespace Athar.Imaging.TurboJpeg;

/// <summary>
/// The TurboJPEG 2.x C API of libjpeg-turbo (turbojpeg.h, version 2.1), loaded from libturbojpeg.so.0
/// (Debian libturbojpeg0; scripts/ensure-native.sh installs it). Only the calls Athar uses are bound.
/// `unsigned long` is <see cref="CULong"/> so that the binding is right on LP64 and LLP64 alike.
/// </summary>
internal static partial class TurboJpegNative
{
    public const string Library = "libturbojpeg.so.0";

    // Pixel formats (enum TJPF).
    public const int TJPF_RGB = 0;
    public const int TJPF_GRAY = 6;

    // Error codes (enum TJERR).
    public const int TJERR_WARNING = 0;

    // Flags.
    public const int TJFLAG_NOREALLOC = 1024;
    public const int TJFLAG_FASTDCT = 2048;
    public const int TJFLAG_ACCURATEDCT = 4096;
    public const int TJFLAG_STOPONWARNING = 8192;
    public const int TJFLAG_PROGRESSIVE = 16384;

    [StructLayout(LayoutKind.Sequential)]
    public struct ScalingFactor
    {
        public int Num;
        public int Denom;
    }

    [LibraryImport(Library)]
    public static partial nint tjInitCompress();

    [LibraryImport(Library)]
    public static partial nint tjInitDecompress();

    [LibraryImport(Library)]
    public static partial int tjDestroy(nint handle);

    [LibraryImport(Library)]
    public static unsafe partial int tjCompress2(nint handle, byte* srcBuf, int width, int pitch, int height, int pixelFormat,
        byte** jpegBuf, CULong* jpegSize, int jpegSubsamp, int jpegQual, int flags);

    [LibraryImport(Library)]
    public static unsafe partial int tjDecompressHeader3(nint handle, byte* jpegBuf, CULong jpegSize,
        int* width, int* height, int* jpegSubsamp, int* jpegColorspace);

    [LibraryImport(Library)]
    public static unsafe partial int tjDecompress2(nint handle, byte* jpegBuf, CULong jpegSize, byte* dstBuf,
        int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library)]
    public static unsafe partial ScalingFactor* tjGetScalingFactors(int* numScalingFactors);

    [LibraryImport(Library)]
    public static partial nint tjGetErrorStr2(nint handle);

    [LibraryImport(Library)]
    public static partial int tjGetErrorCode(nint handle);

    [LibraryImport(Library)]
    public static unsafe partial void tjFree(byte* buffer);

    [LibraryImport(Library)]
    public static partial CULong tjBufSize(int width, int height, int jpegSubsamp);
}
