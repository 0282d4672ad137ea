using Athar.Imaging.Raster;

namespace Athar.Forensics.Pdq;

/// <summary>
/// Fills the float luminance plane that PDQ hashes, from 8-bit pixels, optionally picking pixels by
/// nearest neighbour onto a smaller grid on the way.
/// <para>
/// Luma = 0.299 R + 0.587 G + 0.114 B with float coefficients, summed left to right in float
/// (pdq/cpp/downscaling/downscaling.cpp, <c>fillFloatLumaFromRGB</c>); a grey image is taken as it is.
/// Nearest-neighbour resampling is CImg's <c>resize(w, h)</c> default, which the reference hasher applies
/// to any image larger than 512 on a side (pdq/cpp/io/pdqio.cpp): output column x reads source column
/// floor(x · width / w), in double. Picking pixels commutes with the per-pixel luma, so doing both in one
/// pass gives exactly the reference's values.
/// </para>
/// </summary>
internal static class PdqLuma
{
    private const float RedWeight = (float)0.299; // a double literal rounded to float, as the reference declares it
    private const float GreenWeight = (float)0.587;
    private const float BlueWeight = (float)0.114;

    /// <summary>
    /// Writes <paramref name="rows"/> x <paramref name="cols"/> luma values (row-major) into
    /// <paramref name="luma"/>, sampling <paramref name="image"/> by nearest neighbour when the sizes differ.
    /// Requires luma.Length ≥ rows · cols and rows, cols ≥ 1.
    /// </summary>
    public static void Fill(ImageBuffer image, Span<float> luma, int rows, int cols)
    {
        var resampleColumns = cols != image.Width;
        var rented = resampleColumns ? System.Buffers.ArrayPool<int>.Shared.Rent(cols) : null;
        try
        {
            if (rented is not null)
            {
                for (var x = 0; x < cols; x++) rented[x] = (int)((double)x * image.Width / cols);
            }
            Fill(image, luma, rows, cols, rented);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static void Fill(ImageBuffer image, Span<float> luma, int rows, int cols, int[]? sourceColumns)
    {
        var pixels = image.Pixels;
        for (var y = 0; y < rows; y++)
        {
            var sourceRow = rows == image.Height ? y : (int)((double)y * image.Height / rows);
            var row = pixels.Slice(sourceRow * image.Stride, image.Width * image.Channels);
            var target = luma.Slice(y * cols, cols);
            if (image.Layout == PixelLayout.Gray8)
            {
                if (sourceColumns is null) for (var x = 0; x < cols; x++) target[x] = row[x];
                else for (var x = 0; x < cols; x++) target[x] = row[sourceColumns[x]];
            }
            else if (sourceColumns is null)
            {
                for (var x = 0; x < cols; x++)
                {
                    var p = x * 3;
                    target[x] = RedWeight * row[p] + GreenWeight * row[p + 1] + BlueWeight * row[p + 2];
                }
            }
            else
            {
                for (var x = 0; x < cols; x++)
                {
                    var p = sourceColumns[x] * 3;
                    target[x] = RedWeight * row[p] + GreenWeight * row[p + 1] + BlueWeight * row[p + 2];
                }
            }
        }
    }
}
