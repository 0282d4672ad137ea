using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Imaging.Tests.TurboJpeg;

public sealed class JpegEncoderTests
{
    [Theory]
    [InlineData(JpegSubsampling.Yuv444)]
    [InlineData(JpegSubsampling.Yuv422)]
    [InlineData(JpegSubsampling.Yuv420)]
    public void Rgb_round_trips_with_small_error_and_reports_its_subsampling(JpegSubsampling subsampling)
    {
        using var image = TestImages.Gradient(96, 64);
        var jpeg = JpegEncoder.Shared.Encode(image, 92, subsampling);
        Assert.Equal(0xFF, jpeg[0]);
        Assert.Equal(0xD8, jpeg[1]);
        var header = JpegDecoder.Shared.ReadHeader(jpeg);
        Assert.Equal(new JpegHeader(96, 64, subsampling, 1), header);
        using var decoded = JpegDecoder.Shared.Decode(jpeg);
        Assert.True(TestImages.MeanAbsoluteDifference(image, decoded) < 3);
    }

    [Fact]
    public void Gray_images_are_written_with_one_component()
    {
        using var image = TestImages.Gradient(64, 48, PixelLayout.Gray8);
        var jpeg = JpegEncoder.Shared.Encode(image, 90, JpegSubsampling.Yuv420);
        var header = JpegDecoder.Shared.ReadHeader(jpeg);
        Assert.Equal(JpegSubsampling.Gray, header.Subsampling);
        using var decoded = JpegDecoder.Shared.Decode(jpeg, PixelLayout.Gray8);
        Assert.True(TestImages.MeanAbsoluteDifference(image, decoded) < 3);
    }

    [Fact]
    public void Higher_quality_gives_larger_files_and_different_quantisation_tables()
    {
        using var image = TestImages.Gradient(128, 96);
        var low = JpegEncoder.Shared.Encode(image, 50);
        var high = JpegEncoder.Shared.Encode(image, 95);
        Assert.True(high.Length > low.Length);
        Assert.NotEqual(Athar.Imaging.Jpeg.JpegSegments.QuantizationTables(low)[0], Athar.Imaging.Jpeg.JpegSegments.QuantizationTables(high)[0]);
    }

    [Fact]
    public void Strided_input_is_honoured()
    {
        using var image = TestImages.Gradient(40, 30);
        var stride = 40 * 3 + 17;
        var padded = new byte[stride * 30];
        for (var y = 0; y < 30; y++) image.Row(y).CopyTo(padded.AsSpan(y * stride));
        var a = JpegEncoder.Shared.Encode(image, 90);
        var b = JpegEncoder.Shared.Encode(padded, 40, 30, stride, PixelLayout.Rgb24, 90);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Bad_arguments_are_refused_before_native_code()
    {
        using var image = TestImages.Gradient(8, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegEncoder.Shared.Encode(image, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegEncoder.Shared.Encode(image, 101));
        Assert.Throws<ArgumentException>(() => JpegEncoder.Shared.Encode(new byte[10], 8, 8, 24, PixelLayout.Rgb24, 90));
    }

    [Fact]
    public void Encoding_is_deterministic()
    {
        using var image = TestImages.Gradient(64, 64);
        using var other = new JpegEncoder();
        Assert.Equal(JpegEncoder.Shared.Encode(image, 88, JpegSubsampling.Yuv422), other.Encode(image, 88, JpegSubsampling.Yuv422));
    }
}
