using System.Runtime.InteropServices;

namespace Athar.Imaging.TurboJpeg;

/// <summary>
/// libjpeg-turbo refused an operation. The message is TurboJPEG's own text (tjGetErrorStr2).
/// <see cref="IsWarning"/> is true when the codec only warned (for example "Premature end of JPEG
/// file" on a truncated image) and the output buffer may still hold a usable, partly grey image.
/// </summary>
public sealed class TurboJpegException : Exception
{
    public TurboJpegException(string message, bool isWarning) : base(message) => IsWarning = isWarning;

    public TurboJpegException() : base("libjpeg-turbo error") { }

    public TurboJpegException(string message) : base(message) { }

    public TurboJpegException(string message, Exception innerException) : base(message, innerException) { }

    public bool IsWarning { get; }

    internal static string ReadError(nint handle)
    {
        var text = TurboJpegNative.tjGetErrorStr2(handle);
        return text == nint.Zero ? "unknown libjpeg-turbo error" : Marshal.PtrToStringUTF8(text) ?? "unknown libjpeg-turbo error";
    }

    internal static TurboJpegException FromHandle(TurboJpegHandle handle, string call)
    {
        var raw = handle.DangerousGetHandle();
        var warning = TurboJpegNative.tjGetErrorCode(raw) == TurboJpegNative.TJERR_WARNING;
        return new TurboJpegException($"{call}: {ReadError(raw)}", warning);
    }
}
