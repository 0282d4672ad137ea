using Athar.Forensics.Pdq;
using Athar.Imaging.Raster;

namespace Athar.Forensics.Tests.Pdq;

/// <summary>The crop-matching thumbnail against its definition: each cell the rounded mean of 1000 x luma over its rectangle.</summary>
public sealed class PdqThumbnailTests
{
    [Theory]
    [InlineData(PixelLayout.Rgb24, 97, 131, 32)]
    [InlineData(PixelLayout.Rgb24, 640, 480, 32)]
    [InlineData(PixelLayout.Gray8, 33, 32, 32)]
    [InlineData(PixelLayout.Gray8, 1001, 77, 16)]
    public void Cells_are_the_rounded_means_of_their_rectangles(PixelLayout layout, int width, int height, int side)
    {
        var random = new Random(width * 31 + height);
        using var image = ImageBuffer.Create(width, height, layout);
        random.NextBytes(image.Pixels);

        var thumbnail = PdqThumbnail.Make(image, side);

        Assert.NotNull(thumbnail);
        for (var i = 0; i < side; i++)
        {
            for (var j = 0; j < side; j++)
            {
                Assert.Equal(CellMean(image, i * height / side, (i + 1) * height / side, j * width / side, (j + 1) * width / side), thumbnail[i * side + j]);
            }
        }
    }

    [Fact]
    public void An_image_smaller_than_the_thumbnail_has_none()
    {
        using var image = ImageBuffer.Create(31, 64, PixelLayout.Gray8);
        Assert.Null(PdqThumbnail.Make(image, 32));
    }

    private static byte CellMean(ImageBuffer image, int r0, int r1, int c0, int c1)
    {
        long sum = 0;
        for (var y = r0; y < r1; y++)
        {
            var row = image.Row(y);
            for (var x = c0; x < c1; x++)
            {
                sum += image.Layout == PixelLayout.Gray8 ? 1000 * row[x] : 299 * row[3 * x] + 587 * row[3 * x + 1] + 114 * row[3 * x + 2];
            }
        }
        var count = 1000L * (r1 - r0) * (c1 - c0);
        return (byte)Math.Min(255, (sum + count / 2) / count);
    }
}
