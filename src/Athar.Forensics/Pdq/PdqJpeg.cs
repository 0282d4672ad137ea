using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Forensics.Pdq;

/// <summary>
/// PDQ hashes of JPEG files, decoded with libjpeg-turbo straight to a reduced size (DCT scaling): the
/// hash only needs a 64x64 downsample, so decoding 12 megapixels would be wasted work.
/// EXIF orientation is ignored, as in the reference hasher: the hash is of the pixels as stored. A
/// rotated view is found through the dihedral variants instead.
/// </summary>
public static class PdqJpeg
{
    /// <summary>The largest decoded image accepted: 1 GiB of RGB, about 358 megapixels.</summary>
    public const long MaxDecodedBytes = 1L << 30;

    /// <summary>
    /// Decodes and hashes <paramref name="jpeg"/>. Throws <see cref="TurboJpegException"/> when libjpeg-turbo
    /// cannot decode it, and when the header gives no size or one over <see cref="MaxDecodedBytes"/> at the
    /// chosen scale. When the codec only warns (stray bytes between segments, a truncated file whose missing
    /// rows come out grey) the image is hashed as libjpeg and the reference hasher would decode it, and the
    /// warning is kept in <see cref="PdqResult.Warning"/>.
    /// </summary>
    public static PdqResult Hash(ReadOnlySpan<byte> jpeg, PdqOptions? options = null)
    {
        options ??= PdqOptions.Default;
        // JpegDecoder replaces its native handle after any error or warning, so the shared one is safe here.
        var decoder = JpegDecoder.Shared;
        var header = decoder.ReadHeader(jpeg, tolerateWarnings: true);
        var scale = ChooseScale(header.Width, header.Height, options.MinimumDecodedSide);
        var (width, height) = header.ScaledSize(scale);
        // Hostile input: a header may claim a size no buffer can hold.
        if ((long)width * height * 3 > MaxDecodedBytes)
            throw new TurboJpegException($"{header.Width}x{header.Height} is too large to decode at {scale} (over {MaxDecodedBytes / (1 << 20)} MiB)", isWarning: false);
        // A grey JPEG is hashed from its grey values, as the reference does (no RGB round trip).
        var layout = header.Colorspace == 2 ? PixelLayout.Gray8 : PixelLayout.Rgb24;
        using var image = decoder.Decode(jpeg, layout, scale, tolerateWarnings: true, out var warning);
        // The thumbnail reads the same decoded pixels: one decode serves both.
        var thumbnail = options.ThumbnailSide > 0 ? PdqThumbnail.Make(image, options.ThumbnailSide) : null;
        return PdqHasher.Hash(image, options.Dihedral, options.ReferenceResample) with
        {
            Warning = warning,
            Width = header.Width,
            Height = header.Height,
            Thumbnail = thumbnail,
        };
    }

    /// <summary>Reads and hashes the file at <paramref name="path"/>; see <see cref="Hash(ReadOnlySpan{byte}, PdqOptions?)"/>.</summary>
    public static PdqResult HashFile(string path, PdqOptions? options = null) => Hash(File.ReadAllBytes(path), options);

    /// <summary>
    /// The smallest of the scales 1/8, 1/4, 1/2 whose output keeps the smaller side at least
    /// <paramref name="minimumSide"/> pixels, else full size. Requires width, height ≥ 1.
    /// </summary>
    public static JpegScale ChooseScale(int width, int height, int minimumSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (minimumSide <= 0) return JpegScale.Full;
        var smaller = Math.Min(width, height);
        foreach (var scale in (ReadOnlySpan<JpegScale>)[JpegScale.Eighth, JpegScale.Quarter, JpegScale.Half])
        {
            if (scale.Apply(smaller) >= minimumSide && JpegDecoder.IsSupported(scale)) return scale;
        }
        return JpegScale.Full;
    }
}
