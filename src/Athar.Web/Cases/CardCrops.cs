using System.Globalization;
using System.Text.Json.Nodes;
using Athar.Cards.Reading;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using Athar.Storage;
using Athar.Web.Catalog;
using Microsoft.Extensions.Options;

namespace Athar.Web.Cases;

/// <summary>
/// The card beside the body, cut out of a photo and straightened, so that the transcription queue and the family
/// pages show the numbers and not the body. The corners come from the card reader's <c>card.reading</c> finding
/// (<c>quad</c>: four [x, y] points in original pixels, clockwise from the top-left of the writing); the crop is
/// made by the card reader's <see cref="CardRectifier"/> from the grey original at <see cref="Aspect"/> 1.25 and
/// <see cref="Height"/> 360 px, written once to <c>derived/cards/&lt;item&gt;.jpg</c>. Null when the photo has no
/// reading with a quad, or does not decode.
/// </summary>
public sealed class CardCrops(IOptions<AtharWebOptions> options, CaseCatalog cases, ILogger<CardCrops> logger)
{
    public const double Aspect = CardRectifier.Aspect;
    public const int Height = 360;

    public byte[]? For(WebItem item)
    {
        if (item.MediaType != "image/jpeg") return null;
        var path = Path.Combine(new ArchiveLayout(options.Value.Archive).Derived, "cards", item.Id + ".jpg");
        if (File.Exists(path)) return File.ReadAllBytes(path);
        if (Quad(cases.FindingData(item.Id, Athar.Cases.Grouping.CardReading.FindingCode)) is not { } quad) return null;
        byte[] bytes;
        try
        {
            var original = File.ReadAllBytes(OriginalFiles.PathOf(options.Value.Archive, item));
            using var grey = JpegDecoder.Shared.Decode(original, PixelLayout.Gray8, JpegScale.Full, tolerateWarnings: true, out _);
            using var crop = Rectify(grey, quad, (int)Math.Round(Height * Aspect), Height);
            bytes = JpegEncoder.Shared.Encode(crop, quality: 88);
        }
        catch (Exception e) when (e is IOException or TurboJpegException or ArgumentException)
        {
            logger.LogWarning(e, "item {Item}: no card crop", item.Id);
            return null;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return bytes;
    }

    /// <summary>The four corners of a found card, or null (not found, or a malformed quad).</summary>
    public static (double X, double Y)[]? Quad(JsonObject? reading)
    {
        if (reading?["found"] is not JsonValue found || !found.TryGetValue<bool>(out var f) || !f) return null;
        if (reading["quad"] is not JsonArray { Count: 4 } points) return null;
        var quad = new (double, double)[4];
        for (var i = 0; i < 4; i++)
        {
            if (points[i] is not JsonArray { Count: 2 } p || Number(p[0]) is not { } x || Number(p[1]) is not { } y) return null;
            quad[i] = (x, y);
        }
        return quad;
    }

    /// <summary>
    /// The card straightened into a width x height grey image, by the card reader's own rectifier (the image the
    /// reader read the digits from, so the analyst sees what the machine saw).
    /// </summary>
    public static ImageBuffer Rectify(ImageBuffer grey, (double X, double Y)[] quad, int width, int height)
    {
        var corners = new PointF[4];
        for (var i = 0; i < 4; i++) corners[i] = new PointF((float)quad[i].X, (float)quad[i].Y);
        var pixels = CardRectifier.Rectify(grey, corners, width, height);
        var result = ImageBuffer.Create(width, height, PixelLayout.Gray8);
        for (var row = 0; row < height; row++) pixels.AsSpan(row * width, width).CopyTo(result.Row(row));
        return result;
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
}
