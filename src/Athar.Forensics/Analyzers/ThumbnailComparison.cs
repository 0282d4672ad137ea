using Athar.Imaging.Raster;

namespace Athar.Forensics.Analyzers;

/// <summary>What comparing an EXIF thumbnail with its main image measured.</summary>
/// <param name="ThumbnailWidth">Width of the decoded thumbnail.</param>
/// <param name="ThumbnailHeight">Height of the decoded thumbnail.</param>
/// <param name="Content">The part of the thumbnail compared: all of it, or the picture inside letterbox bars.</param>
/// <param name="Letterboxed">Whether black bars were found and cropped.</param>
/// <param name="ImageAspect">Width / height of the main image.</param>
/// <param name="ThumbnailAspect">Width / height of <paramref name="Content"/>.</param>
/// <param name="AspectDifference">|ln(ImageAspect / ThumbnailAspect)|: 0.01 is about a 1% difference.</param>
/// <param name="Distance">
/// Mean absolute difference of the two pictures, placed one on the other as they are, after each is reduced to
/// <see cref="ThumbnailComparison.GridWidth"/> columns and normalised to mean 0 and standard deviation 1: 0 for the
/// same picture, about 1.1 for unrelated ones.
/// </param>
public sealed record ThumbnailComparisonResult(int ThumbnailWidth, int ThumbnailHeight, RectI Content, bool Letterboxed,
    double ImageAspect, double ThumbnailAspect, double AspectDifference, double Distance)
{
    /// <summary>Where the image fits best in the thumbnail, and the distance there.</summary>
    public ThumbnailPlacement Placement { get; init; }

    /// <summary>How far the thumbnail was turned clockwise (0, 90, 180, 270) before comparing.</summary>
    public int Rotation { get; init; }
}

/// <summary>
/// Compares a camera's EXIF thumbnail with the main image it was made from.
/// <para>
/// The measure: both pictures are area-averaged to the same small grid (<see cref="GridWidth"/> columns, the
/// thumbnail's aspect), each is normalised to zero mean and unit standard deviation, and the mean absolute
/// difference is taken. Normalising removes the brightness and contrast changes that innocent processing
/// brings (and that an editor's levels would too: those are not what this check is for), and the small grid
/// averages away JPEG recompression noise, chroma subsampling and the camera's own resampling filter, while a
/// crop, a zoom, a moved or removed object of a few percent of the frame still shifts edges by one or more
/// grid cells. A hash (average or DCT hash) would throw the magnitude away and turn a small change into zero or
/// a handful of bits; the normalised difference grows smoothly with the change, which makes it calibratable.
/// </para>
/// <para>
/// A crop after the camera keeps most of the picture, so the distance as stored stays moderate (0.13 to 0.38 on
/// the synthetic resaved photos, against up to 0.26 for some untouched camera files). What separates them is
/// where the image fits best in the preview (<see cref="ThumbnailAlignment"/>): untouched files fit at scale 1
/// and no shift, cropped ones clearly smaller.
/// </para>
/// </summary>
public static class ThumbnailComparison
{
    /// <summary>Columns of the grid both pictures are reduced to before comparing (40 x 30 for a 4:3 thumbnail).</summary>
    public const int GridWidth = 40;

    /// <summary>A letterbox bar row or column has a mean at most this (0..255) ...</summary>
    private const double BarMaxMean = 24;

    /// <summary>... and a spread (standard deviation) at most this.</summary>
    private const double BarMaxDeviation = 8;

    /// <summary>Floor for the standard deviation when normalising, so a flat picture is not blown up to noise.</summary>
    private const double MinimumDeviation = 4;

    /// <summary>
    /// Compares <paramref name="thumbnail"/> (Gray8) with <paramref name="image"/> (Gray8, the main image at any
    /// scale, as stored: EXIF orientation ignored on both sides, as cameras write both unrotated).
    /// The placement search is skipped (the placement is the identity) when the as-stored distance is below
    /// <paramref name="skipSearchBelow"/> or the aspect difference above <paramref name="searchAspectAtMost"/>.
    /// </summary>
    public static ThumbnailComparisonResult Compare(ImageBuffer image, ImageBuffer thumbnail, double skipSearchBelow = 0, int gridWidth = GridWidth,
        double searchAspectAtMost = double.PositiveInfinity)
    {
        if (image.Layout != PixelLayout.Gray8 || thumbnail.Layout != PixelLayout.Gray8)
            throw new ArgumentException("both pictures must be Gray8");
        var imageAspect = (double)image.Width / image.Height;
        var (content, letterboxed) = FindContent(thumbnail, imageAspect);
        var thumbAspect = (double)content.Width / content.Height;
        var aspectDifference = Math.Abs(Math.Log(imageAspect / thumbAspect));

        var gridW = Math.Min(gridWidth, content.Width);
        var gridH = Math.Max(1, Math.Min(content.Height, (int)Math.Round(gridW / thumbAspect)));
        using var thumbContent = letterboxed ? thumbnail.Crop(content) : thumbnail.Clone();
        using var imageGrid = Shrink(image, gridW, gridH);
        using var thumbFine = Shrink(thumbContent, Math.Min(2 * gridW, thumbContent.Width), Math.Min(2 * gridH, thumbContent.Height));
        var distance = ThumbnailAlignment.Evaluate(imageGrid, thumbFine, 1, 0, 0);
        // No placement can improve on an as-stored distance below the improvement that counts as a crop: the
        // search (most of the cost) is skipped for most untouched photos.
        var placement = distance < skipSearchBelow || aspectDifference > searchAspectAtMost ? new ThumbnailPlacement(1, 0, 0, distance) : ThumbnailAlignment.Search(imageGrid, thumbFine);
        return new ThumbnailComparisonResult(thumbnail.Width, thumbnail.Height, content, letterboxed,
            imageAspect, thumbAspect, aspectDifference, distance) { Placement = placement };
    }

    private static ImageBuffer Shrink(ImageBuffer source, int width, int height) =>
        width <= source.Width && height <= source.Height ? Resample.AreaAverage(source, width, height) : Resample.Bilinear(source, width, height);

    /// <summary>
    /// Where the picture is inside the thumbnail. Cameras that keep a 160x120 thumbnail for a 3:2 or 16:9 image
    /// pad it with black bars; those are cropped. Dark rows are only taken for bars when the main image's aspect
    /// says bars must be there and the bars found are at least as large as it predicts: a night scene's dark sky
    /// in a thumbnail of the same aspect stays picture.
    /// </summary>
    internal static (RectI Content, bool Letterboxed) FindContent(ImageBuffer thumbnail, double imageAspect)
    {
        var whole = new RectI(0, 0, thumbnail.Width, thumbnail.Height);
        var thumbAspect = (double)thumbnail.Width / thumbnail.Height;
        if (Math.Abs(Math.Log(imageAspect / thumbAspect)) < 0.02) return (whole, false);

        int top = BarRows(thumbnail, fromTop: true), bottom = BarRows(thumbnail, fromTop: false);
        int left = BarColumns(thumbnail, fromLeft: true), right = BarColumns(thumbnail, fromLeft: false);
        if (imageAspect > thumbAspect)
        {
            // Wider picture: bars above and below.
            var expected = thumbnail.Height - thumbnail.Width / imageAspect;
            if (top + bottom >= expected - 2 && top + bottom < thumbnail.Height / 2)
                return (new RectI(0, top, thumbnail.Width, thumbnail.Height - top - bottom), true);
        }
        else
        {
            var expected = thumbnail.Width - thumbnail.Height * imageAspect;
            if (left + right >= expected - 2 && left + right < thumbnail.Width / 2)
                return (new RectI(left, 0, thumbnail.Width - left - right, thumbnail.Height), true);
        }
        return (whole, false);
    }

    private static int BarRows(ImageBuffer image, bool fromTop)
    {
        var count = 0;
        for (var i = 0; i < image.Height / 2; i++)
        {
            var row = image.Row(fromTop ? i : image.Height - 1 - i)[..image.Width];
            if (!IsBar(row, 1, image.Width)) break;
            count++;
        }
        return count;
    }

    private static int BarColumns(ImageBuffer image, bool fromLeft)
    {
        var count = 0;
        var column = new byte[image.Height];
        for (var i = 0; i < image.Width / 2; i++)
        {
            var x = fromLeft ? i : image.Width - 1 - i;
            for (var y = 0; y < image.Height; y++) column[y] = image.Row(y)[x];
            if (!IsBar(column, 1, image.Height)) break;
            count++;
        }
        return count;
    }

    private static bool IsBar(ReadOnlySpan<byte> values, int step, int count)
    {
        double sum = 0, sumSq = 0;
        for (var i = 0; i < count; i++)
        {
            double v = values[i * step];
            sum += v;
            sumSq += v * v;
        }
        var mean = sum / count;
        var deviation = Math.Sqrt(Math.Max(0, sumSq / count - mean * mean));
        return mean <= BarMaxMean && deviation <= BarMaxDeviation;
    }

    /// <summary>
    /// <paramref name="gray"/> turned clockwise by <paramref name="degrees"/> (90, 180 or 270), as a new buffer:
    /// for files whose main image was turned losslessly by a viewer that left the thumbnail as the camera wrote it.
    /// </summary>
    public static ImageBuffer Rotate(ImageBuffer gray, int degrees)
    {
        if (gray.Layout != PixelLayout.Gray8) throw new ArgumentException("the picture must be Gray8");
        var (w, h) = (gray.Width, gray.Height);
        var turned = degrees == 180 ? ImageBuffer.Create(w, h, PixelLayout.Gray8, clear: false) : ImageBuffer.Create(h, w, PixelLayout.Gray8, clear: false);
        for (var y = 0; y < h; y++)
        {
            var row = gray.Row(y);
            for (var x = 0; x < w; x++)
            {
                var (tx, ty) = degrees switch
                {
                    90 => (h - 1 - y, x),
                    180 => (w - 1 - x, h - 1 - y),
                    270 => (y, w - 1 - x),
                    _ => throw new ArgumentOutOfRangeException(nameof(degrees), degrees, "must be 90, 180 or 270"),
                };
                turned.Row(ty)[tx] = row[x];
            }
        }
        return turned;
    }
}
