using Athar.TestSupport;

namespace Athar.Imaging.Tests.Jpeg.Structure;

/// <summary>
/// The genuine camera JPEGs of shared/testdata/camera-originals, loaded once per test run, with what
/// MetadataExtractor's dump (dumps/NAME.txt) says about each: the EXIF IFD0 make and the JPEG directory's size.
/// </summary>
internal static class CameraOriginals
{
    /// <summary>One file. The thumbnail offset is as MetadataExtractor prints it: relative to the APP1 payload ("Exif\0\0" included), 6 bytes before the TIFF header.</summary>
    internal sealed record Original(string Name, byte[] Bytes, string? Make, int? DumpWidth, int? DumpHeight, int? DumpThumbnailOffset, int? DumpThumbnailLength);

    private static readonly Lazy<IReadOnlyList<Original>> s_all = new(Load);

    /// <summary>All originals; skips (fails on CI) when the folder is absent.</summary>
    public static IReadOnlyList<Original> All
    {
        get
        {
            _ = TestData.CameraOriginals; // skip or fail first, with the folder named
            return s_all.Value;
        }
    }

    private static List<Original> Load()
    {
        var folder = TestData.CameraOriginals;
        var list = new List<Original>();
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (!path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)) continue;
            var name = Path.GetFileName(path);
            string? make = null;
            int? width = null, height = null, thumbOffset = null, thumbLength = null;
            var dump = Path.Combine(folder, "dumps", name + ".txt");
            if (File.Exists(dump))
            {
                foreach (var line in File.ReadLines(dump))
                {
                    if (line.StartsWith("[Exif IFD0 - 0x010f] Make = ", StringComparison.Ordinal)) make ??= line[28..].Trim();
                    else if (line.StartsWith("[JPEG - 0x0003] Image Width = ", StringComparison.Ordinal)) width ??= Pixels(line[30..]);
                    else if (line.StartsWith("[JPEG - 0x0001] Image Height = ", StringComparison.Ordinal)) height ??= Pixels(line[31..]);
                    else if (line.StartsWith("[Exif Thumbnail - 0x0201] Thumbnail Offset = ", StringComparison.Ordinal)) thumbOffset ??= Pixels(line[45..]);
                    else if (line.StartsWith("[Exif Thumbnail - 0x0202] Thumbnail Length = ", StringComparison.Ordinal)) thumbLength ??= Pixels(line[45..]);
                }
            }
            list.Add(new Original(name, File.ReadAllBytes(path), make, width, height, thumbOffset, thumbLength));
        }
        return list;
    }

    private static int? Pixels(string text)
    {
        var digits = text.Split(' ')[0];
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
