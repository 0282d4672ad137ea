using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Synth;

/// <summary>
/// A JPEG of 12 sample originals tiled 4 x 3: one per planted anomaly type present, then normal photos;
/// the last tile is a close-up of a normal photo's card, cut from the full-size image.
/// For eyeballing the generator (docs/images/synth-contact-sheet.jpg), not for analysis.
/// </summary>
public static class ContactSheet
{
    public const int Columns = 4;
    public const int Rows = 3;

    /// <summary>Writes the sheet; each tile is <paramref name="tileWidth"/> wide with the archive's aspect ratio. Returns the chosen paths.</summary>
    private static RectI CardBounds(Output.GroundTruthFile file)
    {
        var quad = file.CardQuad!;
        Span<PointF> points = [new(quad[0][0], quad[0][1]), new(quad[1][0], quad[1][1]), new(quad[2][0], quad[2][1]), new(quad[3][0], quad[3][1])];
        return RectI.Bounding(points);
    }

    public static IReadOnlyList<string> Write(SynthOptions options, SynthResult result, string path, int tileWidth = 320)
    {
        var originals = result.GroundTruth.Files.Where(f => f.Kind == "original").ToList();
        var chosen = new List<string>();
        foreach (var type in AnomalyTypes.All)
        {
            var hit = originals.FirstOrDefault(f => f.Anomalies.Any(a => a.Type == type.Name()) && !chosen.Contains(f.Path));
            if (hit is not null) chosen.Add(hit.Path);
        }
        var closeUp = originals.Where(f => f.Anomalies.Count == 0 && f.CardQuad is not null).MaxBy(f => CardBounds(f).Height);
        var normal = Columns * Rows - (closeUp is null ? 0 : 1);
        foreach (var f in originals.Where(f => f.Anomalies.Count == 0 && f != closeUp))
        {
            if (chosen.Count >= normal) break;
            chosen.Add(f.Path);
        }
        var tileHeight = tileWidth * options.Height / options.Width;
        const int gap = 4;
        using var sheet = ImageBuffer.Create(Columns * tileWidth + (Columns + 1) * gap, Rows * tileHeight + (Rows + 1) * gap, PixelLayout.Rgb24);
        Draw.Fill(sheet, 24, 24, 24);
        for (var i = 0; i < chosen.Count && i < Columns * Rows; i++)
        {
            var bytes = File.ReadAllBytes(Path.Combine(options.OutputDirectory, chosen[i]));
            ImageBuffer? decoded = null;
            try { decoded = JpegDecoder.Shared.Decode(bytes, PixelLayout.Rgb24, JpegScale.Full, tolerateWarnings: true, out _); }
            catch (TurboJpegException) { }
            var x = gap + (i % Columns) * (tileWidth + gap);
            var y = gap + (i / Columns) * (tileHeight + gap);
            if (decoded is null)
            {
                Draw.FillRect(sheet, new RectI(x, y, tileWidth, tileHeight), 90, 20, 20);
                continue;
            }
            using (decoded)
            using (var tile = Resample.AreaAverage(decoded, tileWidth, tileHeight))
            {
                sheet.Paste(tile, x, y);
            }
        }
        if (closeUp is not null)
        {
            using var full = JpegDecoder.Shared.Decode(File.ReadAllBytes(Path.Combine(options.OutputDirectory, closeUp.Path)));
            var card = CardBounds(closeUp);
            var h = Math.Min(full.Height, (int)(card.Height * 1.8f));
            var w = Math.Min(full.Width, h * tileWidth / tileHeight);
            h = w * tileHeight / tileWidth;
            var x0 = Math.Clamp(card.X + card.Width / 2 - w / 2, 0, full.Width - w);
            var y0 = Math.Clamp(card.Y + card.Height / 2 - h / 2, 0, full.Height - h);
            using var tile = Resample.Bilinear(full, tileWidth, tileHeight, new RectI(x0, y0, w, h));
            sheet.Paste(tile, gap + (Columns - 1) * (tileWidth + gap), gap + (Rows - 1) * (tileHeight + gap));
            chosen.Add(closeUp.Path + " (card close-up)");
        }
        var jpeg = JpegEncoder.Shared.Encode(sheet, 82, JpegSubsampling.Yuv420);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, jpeg);
        return chosen;
    }
}
