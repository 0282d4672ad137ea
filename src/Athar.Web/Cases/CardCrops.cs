using System.Globalization;
using System.Text.Json.Nodes;
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
/// the perspective map of the unit square onto that quad (Heckbert, "Fundamentals of Texture Mapping and Image
/// Warping", 1989, section 2.2.3), sampled bilinearly from the grey original at <see cref="Aspect"/> 1.25 and
/// <see cref="Height"/> 360 px, written once to <c>derived/cards/&lt;item&gt;.jpg</c>. Null when the photo has no
/// reading with a quad, or does not decode.
/// </summary>
public sealed class CardCrops(IOptions<AtharWebOptions> options, CaseCatalog cases, ILogger<CardCrops> logger)
{
    public const double Aspect = 1.25;
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

    /// <summary>Maps the unit square onto <paramref name="quad"/> and samples <paramref name="grey"/> into a width x height image.</summary>
    public static ImageBuffer Rectify(ImageBuffer grey, (double X, double Y)[] quad, int width, int height)
    {
        var (a, b, c, d, e, f, g, h) = SquareToQuad(quad);
        var result = ImageBuffer.Create(width, height, PixelLayout.Gray8);
        for (var row = 0; row < height; row++)
        {
            var target = result.Row(row);
            var v = (row + 0.5) / height;
            for (var col = 0; col < width; col++)
            {
                var u = (col + 0.5) / width;
                var w = g * u + h * v + 1;
                target[col] = Sample(grey, (a * u + b * v + c) / w - 0.5, (d * u + e * v + f) / w - 0.5);
            }
        }
        return result;
    }

    private static (double, double, double, double, double, double, double, double) SquareToQuad((double X, double Y)[] q)
    {
        double dx1 = q[1].X - q[2].X, dx2 = q[3].X - q[2].X, dx3 = q[0].X - q[1].X + q[2].X - q[3].X;
        double dy1 = q[1].Y - q[2].Y, dy2 = q[3].Y - q[2].Y, dy3 = q[0].Y - q[1].Y + q[2].Y - q[3].Y;
        double g = 0, h = 0;
        var det = dx1 * dy2 - dx2 * dy1;
        if (Math.Abs(dx3) > 1e-9 || Math.Abs(dy3) > 1e-9)
        {
            if (Math.Abs(det) < 1e-12) throw new ArgumentException("the card's corners are degenerate");
            g = (dx3 * dy2 - dx2 * dy3) / det;
            h = (dx1 * dy3 - dx3 * dy1) / det;
        }
        return (q[1].X - q[0].X + g * q[1].X, q[3].X - q[0].X + h * q[3].X, q[0].X,
                q[1].Y - q[0].Y + g * q[1].Y, q[3].Y - q[0].Y + h * q[3].Y, q[0].Y, g, h);
    }

    private static byte Sample(ImageBuffer grey, double x, double y)
    {
        x = Math.Clamp(x, 0, grey.Width - 1.001);
        y = Math.Clamp(y, 0, grey.Height - 1.001);
        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, grey.Width - 1), y1 = Math.Min(y0 + 1, grey.Height - 1);
        double fx = x - x0, fy = y - y0;
        var top = grey.Row(y0);
        var bottom = grey.Row(y1);
        var upper = top[x0] + (top[x1] - top[x0]) * fx;
        var lower = bottom[x0] + (bottom[x1] - bottom[x0]) * fx;
        return (byte)Math.Clamp((int)Math.Round(upper + (lower - upper) * fy), 0, 255);
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
}
