using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using Athar.Web.Catalog;
using Microsoft.Extensions.Options;

namespace Athar.Web.Cases;

/// <summary>
/// The marked face region of one photo, unblurred and in colour, made from the original for one request and never
/// stored (as a reveal). Decoded with DCT scaling to about 1024 px on the longer side, then cut to the region.
/// </summary>
public sealed class FaceCrops(IOptions<AtharWebOptions> options, ILogger<FaceCrops> logger)
{
    public byte[]? Reveal(WebItem item, FaceRegion region)
    {
        if (item.MediaType != "image/jpeg") return null;
        try
        {
            var original = File.ReadAllBytes(OriginalFiles.PathOf(options.Value.Archive, item));
            var header = JpegDecoder.Shared.ReadHeader(original, tolerateWarnings: true);
            using var image = JpegDecoder.Shared.Decode(original, PixelLayout.Rgb24, JpegScale.AtLeast(header.Width, header.Height, 1024), tolerateWarnings: true, out _);
            var x = (int)Math.Floor(region.X * image.Width);
            var y = (int)Math.Floor(region.Y * image.Height);
            var rect = new RectI(x, y, Math.Clamp((int)Math.Ceiling(region.Width * image.Width), 1, image.Width - x),
                Math.Clamp((int)Math.Ceiling(region.Height * image.Height), 1, image.Height - y));
            using var crop = image.Crop(rect);
            return JpegEncoder.Shared.Encode(crop, quality: 85);
        }
        catch (Exception e) when (e is IOException or TurboJpegException or ArgumentException)
        {
            logger.LogWarning(e, "item {Item}: no face crop", item.Id);
            return null;
        }
    }
}
