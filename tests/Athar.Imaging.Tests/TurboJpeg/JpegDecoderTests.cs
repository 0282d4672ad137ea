using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Imaging.Tests.TurboJpeg;

public sealed class JpegDecoderTests
{
    public static TheoryData<int, int, int> Scales => new() { { 1, 1, 0 }, { 1, 2, 0 }, { 1, 4, 0 }, { 1, 8, 0 } };

    [Theory]
    [MemberData(nameof(Scales))]
    public void Decodes_at_dct_scales_with_ceiling_sizes(int num, int denom, int unused)
    {
        _ = unused;
        using var image = TestImages.Gradient(203, 101);
        var jpeg = JpegEncoder.Shared.Encode(image, 90);
        var scale = new JpegScale(num, denom);
        using var rgb = JpegDecoder.Shared.Decode(jpeg, PixelLayout.Rgb24, scale);
        using var gray = JpegDecoder.Shared.Decode(jpeg, PixelLayout.Gray8, scale);
        Assert.Equal((203 * num + denom - 1) / denom, rgb.Width);
        Assert.Equal((101 * num + denom - 1) / denom, rgb.Height);
        Assert.Equal(rgb.Width, gray.Width);
        Assert.Equal(PixelLayout.Gray8, gray.Layout);
        // The scaled decode looks like an area-average of the full image.
        using var reference = Resample.AreaAverage(image, rgb.Width, rgb.Height);
        Assert.True(TestImages.MeanAbsoluteDifference(reference, rgb) < 8);
    }

    [Fact]
    public void Supported_scales_include_the_power_of_two_reductions()
    {
        foreach (var scale in new[] { JpegScale.Full, JpegScale.Half, JpegScale.Quarter, JpegScale.Eighth })
            Assert.True(JpegDecoder.IsSupported(scale), scale.ToString());
        Assert.False(JpegDecoder.IsSupported(new JpegScale(1, 3)));
    }

    [Fact]
    public void Garbage_raises_a_typed_error_with_the_codec_text()
    {
        var error = Assert.Throws<TurboJpegException>(() => JpegDecoder.Shared.ReadHeader(new byte[] { 1, 2, 3, 4, 5, 6 }));
        Assert.Contains("tjDecompressHeader3", error.Message);
        Assert.False(error.IsWarning);
        Assert.Throws<TurboJpegException>(() => JpegDecoder.Shared.ReadHeader(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void A_truncated_file_is_a_warning_that_can_be_tolerated()
    {
        using var image = TestImages.Gradient(160, 120);
        var jpeg = JpegEncoder.Shared.Encode(image, 90);
        var truncated = jpeg.AsSpan(0, jpeg.Length / 2).ToArray();
        var error = Assert.Throws<TurboJpegException>(() => JpegDecoder.Shared.Decode(truncated));
        Assert.True(error.IsWarning, error.Message);
        using var partial = JpegDecoder.Shared.Decode(truncated, PixelLayout.Rgb24, JpegScale.Full, tolerateWarnings: true, out var warning);
        Assert.NotNull(warning);
        Assert.Equal(160, partial.Width);
    }

    [Fact]
    public void AtLeast_picks_the_smallest_sufficient_scale()
    {
        Assert.Equal(JpegScale.Eighth, JpegScale.AtLeast(4096, 3072, 512));
        Assert.Equal(JpegScale.Quarter, JpegScale.AtLeast(4096, 3072, 513));
        Assert.Equal(JpegScale.Full, JpegScale.AtLeast(300, 200, 512));
    }

    [Fact]
    public void A_camera_file_with_extraneous_bytes_decodes_when_warnings_are_tolerated()
    {
        // "issue 121.jpg" is a genuine camera file that libjpeg reads with a warning ("extraneous bytes before marker").
        var bytes = File.ReadAllBytes(Path.Combine(Athar.TestSupport.TestData.CameraOriginals, "issue 121.jpg"));
        var header = JpegDecoder.Shared.ReadHeader(bytes, tolerateWarnings: true);
        Assert.True(header.Width > 0 && header.Height > 0);
        using var image = JpegDecoder.Shared.Decode(bytes, PixelLayout.Gray8, JpegScale.Eighth, tolerateWarnings: true, out _);
        Assert.Equal(JpegScale.Eighth.Apply(header.Width), image.Width);
    }

    [Fact]
    public void The_decoder_keeps_working_after_a_fatal_error()
    {
        using var image = TestImages.Gradient(64, 48);
        var good = JpegEncoder.Shared.Encode(image, 90);
        using var decoder = new JpegDecoder();
        Assert.Throws<TurboJpegException>(() => decoder.Decode([0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x02, 0x00], PixelLayout.Gray8));
        var broken = good.ToArray();
        for (var i = 200; i < broken.Length; i++) broken[i] = 0xFF;
        Assert.ThrowsAny<TurboJpegException>(() => decoder.Decode(broken, PixelLayout.Gray8));
        using var decoded = decoder.Decode(good, PixelLayout.Gray8);
        Assert.Equal(64, decoded.Width);
    }
}
