using System.Runtime.InteropServices;

namespace Athar.Imaging.TurboJpeg;

/// <summary>Owns one tjhandle and destroys it exactly once.</summary>
internal sealed class TurboJpegHandle : SafeHandle
{
    public TurboJpegHandle() : base(nint.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == nint.Zero;

    public static TurboJpegHandle CreateCompressor() => Wrap(TurboJpegNative.tjInitCompress(), "tjInitCompress");

    public static TurboJpegHandle CreateDecompressor() => Wrap(TurboJpegNative.tjInitDecompress(), "tjInitDecompress");

    private static TurboJpegHandle Wrap(nint raw, string call)
    {
        if (raw == nint.Zero) throw new TurboJpegException($"{call} failed: {TurboJpegException.ReadError(nint.Zero)}", isWarning: false);
        var safe = new TurboJpegHandle();
        safe.SetHandle(raw);
        return safe;
    }

    protected override bool ReleaseHandle() => TurboJpegNative.tjDestroy(handle) == 0;
}
