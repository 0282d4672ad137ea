using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Imaging.Exif;
using Athar.Imaging.Jpeg;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Analyzers;

/// <summary>Shared inputs for the metadata analyzers' tests: the camera originals and small hand-made JPEGs.</summary>
internal static class AnalyzerFixtures
{
    /// <summary>Every camera original as (file name, bytes), in name order.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> CameraOriginals()
        => [.. Directory.EnumerateFiles(TestData.CameraOriginals)
            .Where(p => p.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(p => (Path.GetFileName(p), File.ReadAllBytes(p)))];

    public static ItemContext Context(byte[] bytes, string mediaType = "image/jpeg") => new("test", mediaType, bytes);

    public static IReadOnlyList<Finding> Run(IItemAnalyzer analyzer, byte[] bytes)
    {
        using var context = Context(bytes);
        return analyzer.Analyze(context);
    }

    /// <summary>Findings of warning or above on each camera original: (file, code) pairs.</summary>
    public static List<(string File, string Code, Severity Severity)> WarningsOnCameraOriginals(IItemAnalyzer analyzer)
    {
        var flagged = new List<(string, string, Severity)>();
        foreach (var (name, bytes) in CameraOriginals())
            foreach (var f in Run(analyzer, bytes))
                if (f.Severity >= Severity.Warning) flagged.Add((name, f.Code, f.Severity));
        return flagged;
    }

    /// <summary>A small grey-gradient JPEG as libjpeg-turbo writes it (JFIF APP0, IJG tables).</summary>
    public static byte[] PlainJpeg(int quality = 90)
    {
        const int w = 64, h = 48;
        var pixels = new byte[w * h * 3];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7 % 251);
        return JpegEncoder.Shared.Encode(pixels, w, h, w * 3, PixelLayout.Rgb24, quality);
    }

    /// <summary><see cref="PlainJpeg"/> with the JFIF replaced by an EXIF APP1 built from <paramref name="profile"/>.</summary>
    public static byte[] WithExif(ExifProfile profile, int quality = 90)
        => JpegSegments.InsertAfterSoi(PlainJpeg(quality), ExifWriter.BuildApp1(profile));

    public static readonly DateTime Shot = new(2013, 5, 14, 10, 21, 7, DateTimeKind.Unspecified);

    public static ExifProfile Camera => new()
    {
        Make = "Canon",
        Model = "Canon PowerShot A720 IS",
        DateTimeOriginal = Shot,
        DateTimeDigitized = Shot,
        DateTime = Shot,
        PixelXDimension = 64,
        PixelYDimension = 48,
    };
}
