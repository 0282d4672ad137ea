using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Synth;

/// <summary>
/// A JPEG of 12 sample originals tiled 4 x 3: one per planted anomaly type present, then normal photos.
/// For eyeballing the generator (docs/images/synth-contact-sheet.jpg), not for analysis.
/// </summary>
public static class ContactSheet
{
    public const int Columns = 4;
    public const int Rows = 3;

    /// <summary>Writes the sheet; each tile is <paramref name="tileWidth"/> wide with the archive's aspect ratio. Returns the chosen paths.</summary>
    public static IReadOnlyList<string> Write(SynthOptions options, SynthResult result, string path, int tileWidth = 320)
    {
        var originals = result.GroundTruth.Files.Where(f => f.Kind == "original").ToList();
        var chosen = new List<string>();
        foreach (var type in AnomalyTypes.All)
        {
            var hit = originals.FirstOrDefault(f => f.Anomalies.Any(a => a.Type == type.Name()) && !chosen.Contains(f.Path));
            if (hit is not null) chosen.Add(hit.Path);
        }
        foreach (var f in originals.Where(f => f.Anomalies.Count == 0))
        {
            if (chosen.Count >= Columns * Rows) break;
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
        var jpeg = JpegEncoder.Shared.Encode(sheet, 82, JpegSubsampling.Yuv420);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, jpeg);
        return chosen;
    }
}
