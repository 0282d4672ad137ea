using System.Globalization;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using Athar.Storage;
using Athar.Web.Accounts;
using Athar.Web.Catalog;
using Microsoft.Extensions.Options;

namespace Athar.Web.Derivatives;

public enum DerivativeKind
{
    /// <summary>About 320 px on the longer side, for the gallery.</summary>
    Thumb,
    /// <summary>About 1024 px on the longer side, for the item page.</summary>
    Preview,
}

/// <summary>
/// Safer-viewing derivatives. Each is made once from the original (decoded with DCT scaling straight to about
/// the target size), blurred and greyscale as the viewer's settings say, and kept in
/// <c>derived/thumbs/&lt;id&gt;.jpg</c> or <c>derived/previews/&lt;id&gt;.jpg</c> (the default settings) or beside them
/// with a suffix naming other settings. The unblurred version is never stored: it is made on each reveal.
/// Returns null for anything that is not a decodable JPEG (the caller shows a placeholder).
/// </summary>
public sealed class DerivativeStore(IOptions<AtharWebOptions> options, ILogger<DerivativeStore> logger)
{
    public static int TargetSize(DerivativeKind kind) => kind == DerivativeKind.Thumb ? 320 : 1024;

    public byte[]? Safe(WebItem item, DerivativeKind kind, ViewingSettings settings)
    {
        if (item.MediaType != "image/jpeg") return null;
        var path = PathFor(item.Id, kind, settings);
        if (File.Exists(path)) return File.ReadAllBytes(path);
        var bytes = Render(item, kind, settings.BlurSigma, settings.Greyscale);
        if (bytes is null) return null;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return bytes;
    }

    /// <summary>The unblurred colour version, made now from the original and not kept.</summary>
    public byte[]? Revealed(WebItem item, DerivativeKind kind) =>
        item.MediaType == "image/jpeg" ? Render(item, kind, sigma: 0, greyscale: false) : null;

    public string PathFor(string id, DerivativeKind kind, ViewingSettings settings)
    {
        var folder = Path.Combine(new ArchiveLayout(options.Value.Archive).Derived, kind == DerivativeKind.Thumb ? "thumbs" : "previews");
        var isDefault = settings.BlurSigma == ViewingSettings.DefaultSigma && settings.Greyscale;
        var name = isDefault ? id + ".jpg"
            : string.Create(CultureInfo.InvariantCulture, $"{id}.s{settings.BlurSigma}{(settings.Greyscale ? "g" : "c")}.jpg");
        return Path.Combine(folder, name);
    }

    private byte[]? Render(WebItem item, DerivativeKind kind, int sigma, bool greyscale)
    {
        byte[] original;
        try
        {
            original = File.ReadAllBytes(OriginalFiles.PathOf(options.Value.Archive, item));
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "item {Item}: original unreadable", item.Id);
            return null;
        }
        var target = TargetSize(kind);
        try
        {
            var decoder = JpegDecoder.Shared;
            var header = decoder.ReadHeader(original);
            var scale = JpegScale.AtLeast(header.Width, header.Height, target);
            using var decoded = decoder.Decode(original, greyscale ? PixelLayout.Gray8 : PixelLayout.Rgb24, scale, tolerateWarnings: true, out _);
            var factor = Math.Min(1.0, (double)target / Math.Max(decoded.Width, decoded.Height));
            using var fitted = factor < 1.0
                ? Resample.AreaAverage(decoded, Math.Max(1, (int)Math.Round(decoded.Width * factor)), Math.Max(1, (int)Math.Round(decoded.Height * factor)))
                : decoded.Clone();
            // Sigma is stated at thumbnail size; scale it with the image so a preview is as obscured as a thumbnail.
            var effectiveSigma = sigma * Math.Max(fitted.Width, fitted.Height) / 320f;
            Blur.Gaussian(fitted, effectiveSigma);
            return JpegEncoder.Shared.Encode(fitted, quality: 82);
        }
        catch (Exception e) when (e is TurboJpegException or ArgumentException)
        {
            logger.LogWarning(e, "item {Item}: could not make a {Kind}", item.Id, kind);
            return null;
        }
    }
}
