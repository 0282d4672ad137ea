using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Imaging.Tests.TurboJpeg;

/// <summary>
/// One encoder handle serves many encodes: whatever came before (grey, progressive, 4:4:4), the next
/// baseline JPEG must decode. libjpeg-turbo 2.1 corrupts a baseline encode that follows a progressive one
/// on the same handle unless the encoder replaces it.
/// </summary>
public sealed class JpegEncoderHandleReuseTests
{
    [Theory]
    [InlineData("gray")]
    [InlineData("progressive")]
    [InlineData("yuv444")]
    public void A_baseline_encode_after_another_kind_still_decodes(string first)
    {
        using var encoder = new JpegEncoder();
        using var image = TestImages.Gradient(203, 101);
        switch (first)
        {
            case "gray": encoder.Encode(image, 80, JpegSubsampling.Gray); break;
            case "progressive": encoder.Encode(image, 85, JpegSubsampling.Yuv420, progressive: true); break;
            default: encoder.Encode(image, 85, JpegSubsampling.Yuv444); break;
        }
        var jpeg = encoder.Encode(image, 90);
        using var decoder = new JpegDecoder();
        using var decoded = decoder.Decode(jpeg, PixelLayout.Rgb24);
        Assert.Equal(203, decoded.Width);
        Assert.True(TestImages.MeanAbsoluteDifference(image, decoded) < 8);
    }
}
