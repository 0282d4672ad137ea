namespace Athar.Imaging.TurboJpeg;

/// <summary>What the frame header of a JPEG says, read without decoding pixels.</summary>
/// <param name="Width">Full-size width in pixels.</param>
/// <param name="Height">Full-size height in pixels.</param>
/// <param name="Subsampling">Chrominance subsampling.</param>
/// <param name="Colorspace">TurboJPEG's TJCS value: 0 RGB, 1 YCbCr, 2 grey, 3 CMYK, 4 YCCK.</param>
public readonly record struct JpegHeader(int Width, int Height, JpegSubsampling Subsampling, int Colorspace)
{
    /// <summary>The size a decode at <paramref name="scale"/> produces (rounded up, as libjpeg does).</summary>
    public (int Width, int Height) ScaledSize(JpegScale scale) => (scale.Apply(Width), scale.Apply(Height));
}
