using Athar.Cards.Digits;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Cards.Reading;

/// <summary>
/// Reads the handwritten card in a photo: finds it in a small DCT-scaled decode, rectifies it from the
/// full-resolution luminance, and reads its three lines (docs/cards.md). Works from pixels only. Never
/// throws for bad input: an undecodable file or a photo with no card gives <see cref="CardReading.Found"/>
/// false with a reason. Thread-safe.
/// </summary>
public sealed class CardReader
{
    /// <summary>
    /// The long side, in pixels, that the search decode keeps at least (DCT scaling picks 1/2 to 1/8). 800 (1/2 of
    /// a 2048x1536 photo) rather than 400: a card is often only 130 px wide in such a photo, and at 1/4 one search
    /// pixel is 4 photo pixels; on 2,000 synthetic photos the quad's median corner error fell from 1.6% to 0.8% of
    /// the card's height (docs/cards.md, "Measured").
    /// </summary>
    public const int SearchSize = 800;

    private readonly DigitClassifier _classifier;

    public CardReader(DigitClassifier? classifier = null) => _classifier = classifier ?? DigitClassifier.Default;

    public static CardReader Default { get; } = new();

    public CardReading Read(ReadOnlySpan<byte> jpeg)
    {
        try
        {
            return ReadOrThrow(jpeg);
        }
        catch (TurboJpegException e)
        {
            return CardReading.NotFound($"undecodable JPEG: {e.Message}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Degenerate geometry from a strange image, or a reader bug: a reading is best effort and one
            // photo must never stop a run of thousands; the reason is kept with the result.
            return CardReading.NotFound($"card reading failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private CardReading ReadOrThrow(ReadOnlySpan<byte> jpeg)
    {
        var decoder = JpegDecoder.Shared;
        var header = decoder.ReadHeader(jpeg, tolerateWarnings: true);
        var scale = JpegScale.AtLeast(header.Width, header.Height, SearchSize);
        CardFinder.FoundCard? found;
        int smallWidth, smallHeight;
        using (var preview = decoder.Decode(jpeg, PixelLayout.Rgb24, scale, tolerateWarnings: true, out _))
        {
            smallWidth = preview.Width;
            smallHeight = preview.Height;
            found = CardFinder.Find(preview);
        }
        if (found is null) return CardReading.NotFound("no white card found");
        var fx = (double)header.Width / smallWidth;
        var fy = (double)header.Height / smallHeight;
        var quad = Scale(found.Quad, fx, fy);

        var cardHeight = (Distance(quad[1], quad[2]) + Distance(quad[3], quad[0])) / 2;
        var height = CardRectifier.HeightFor(cardHeight);
        var width = (int)Math.Round(height * CardRectifier.Aspect);
        byte[] rectified;
        using (var gray = decoder.Decode(jpeg, PixelLayout.Gray8, JpegScale.Full, tolerateWarnings: true, out _))
        {
            rectified = CardRectifier.Rectify(gray, quad, width, height);
        }
        var paper = found.Paper is { Length: >= 3 } outline ? CardRectifier.PaperMask(quad, Scale(outline, fx, fy), width, height) : null;
        var lines = CardSegmenter.Read(rectified, width, height, _classifier, paper);
        return new CardReading { Found = true, Quad = quad, Lines = lines, Crop = new CardCrop(width, height, rectified) };
    }

    private static PointF[] Scale(PointF[] points, double fx, double fy)
    {
        var scaled = new PointF[points.Length];
        for (var i = 0; i < points.Length; i++) scaled[i] = new PointF((float)(points[i].X * fx), (float)(points[i].Y * fy));
        return scaled;
    }

    private static double Distance(PointF a, PointF b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
