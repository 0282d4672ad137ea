using System.Globalization;
using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Imaging.Exif;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Forensics.Analyzers;

/// <summary>
/// Compares the EXIF (IFD1) thumbnail a camera wrote with the image itself. A camera makes both from the same
/// exposure at the same moment; most editors re-save the main image and copy the EXIF block as it was, so an
/// edited photo keeps a preview of the picture before the edit (the "stale thumbnail" of Kee and Farid,
/// "Digital image authentication from thumbnails", SPIE 2010; ExifTool and FotoForensics show it the same way).
/// Measures in <see cref="ThumbnailComparison"/>; thresholds from the calibration in docs/analyzers.md.
/// </summary>
public sealed class ThumbnailConsistencyAnalyzer : IItemAnalyzer
{
    /// <summary>
    /// Above this normalised distance, even at the best placement, the thumbnail shows another picture.
    /// Calibration (docs/analyzers.md): untouched camera originals reach at most 0.26; unrelated pictures 0.7 and more.
    /// </summary>
    public const double ContentThreshold = 0.45;

    /// <summary>
    /// A best placement further than this from identity (|ln scale|, about 3.5% of the frame) counts as a crop or
    /// zoom when it also improves the distance by <see cref="MinimumImprovement"/>. Camera originals place at most
    /// 2.5% off, synthetic resaved photos (3-6% cropped per side) at least 5.5%.
    /// </summary>
    public const double ScaleTolerance = 0.035;

    /// <summary>A best placement shifted further than this (fraction of the thumbnail) counts as a crop.</summary>
    public const double ShiftTolerance = 0.02;

    /// <summary>
    /// How much a moved placement must lower the distance to count: camera originals gain at most 0.04 from
    /// moving, synthetic resaved photos at least 0.085.
    /// </summary>
    public const double MinimumImprovement = 0.06;

    /// <summary>Aspect ratios further apart than this (|ln| of their ratio, about 5%) are a mismatch.</summary>
    public const double AspectTolerance = 0.05;

    /// <summary>Thumbnails smaller than this on a side are not compared (nothing reliable survives).</summary>
    public const int MinimumThumbnailSide = 16;

    /// <summary>Thumbnails claiming more than this on a side are not decoded.</summary>
    public const int MaximumThumbnailSide = 4096;

    public string Name => "thumbnail-consistency";
    public int Version => 1;
    public AnalyzerNeeds Needs => AnalyzerNeeds.Bytes | AnalyzerNeeds.Luma512;
    public int CostTier => 1;

    public bool AppliesTo(string mediaType) => mediaType == "image/jpeg";

    public IReadOnlyList<Finding> Analyze(ItemContext item)
    {
        // The structure parse (shared with jpeg-structure) already located the IFD1 thumbnail in the file.
        // No thumbnail: stripped or never written. The metadata analyzers report missing EXIF.
        if (item.Structure.ExifThumbnail is not { } location) return [];
        var thumbnailBytes = item.Bytes.Span.Slice(location.Offset, location.Length);
        // An undecodable main image is reported by jpeg-structure; there is nothing to compare with.
        var image = item.Luma512;
        if (image is null) return [];

        ImageBuffer thumbnail;
        var decoder = JpegDecoder.Shared; // it replaces its native handle after an error
        try
        {
            // Hostile input: a 64 KB segment can claim a 65535x65535 picture; no real preview is over 4096 px.
            var header = decoder.ReadHeader(thumbnailBytes);
            if (header.Width is < 1 or > MaximumThumbnailSide || header.Height is < 1 or > MaximumThumbnailSide)
                return [Undecodable(thumbnailBytes.Length, $"the thumbnail claims {header.Width}x{header.Height} pixels")];
            thumbnail = decoder.Decode(thumbnailBytes, PixelLayout.Gray8, JpegScale.Full, tolerateWarnings: false, out _);
        }
        catch (TurboJpegException e)
        {
            return [Undecodable(thumbnailBytes.Length, e.Message)];
        }
        using (thumbnail)
        {
            if (thumbnail.Width < MinimumThumbnailSide || thumbnail.Height < MinimumThumbnailSide)
                return [Undecodable(thumbnailBytes.Length, $"the thumbnail is only {thumbnail.Width}x{thumbnail.Height} pixels")];
            return Judge(CompareOriented(image, thumbnail));
        }
    }

    /// <summary>
    /// Compares as stored; when that does not fit, also with the thumbnail turned by 90°, 270° and 180°, since
    /// viewers that turn a photo losslessly often leave the camera's thumbnail as it was.
    /// </summary>
    internal static ThumbnailComparisonResult CompareOriented(ImageBuffer image, ImageBuffer thumbnail)
    {
        var asStored = ThumbnailComparison.Compare(image, thumbnail, MinimumImprovement);
        // Turning only explains a swapped shape or a picture that matches nowhere, not a crop.
        if (asStored.AspectDifference <= AspectTolerance && asStored.Placement.Distance <= ContentThreshold) return asStored;
        foreach (var degrees in (ReadOnlySpan<int>)[90, 270, 180])
        {
            using var turned = ThumbnailComparison.Rotate(thumbnail, degrees);
            // A turned thumbnail whose shape does not match cannot fit whatever its placement: no search for it.
            var result = ThumbnailComparison.Compare(image, turned, MinimumImprovement, searchAspectAtMost: AspectTolerance);
            if (Fits(result)) return result with { Rotation = degrees };
        }
        return asStored;
    }

    private static bool Fits(ThumbnailComparisonResult r) => r.AspectDifference <= AspectTolerance && !IsCropped(r) && r.Placement.Distance <= ContentThreshold;

    /// <summary>The image matches a clearly different part or size of the preview's field better than the whole of it.</summary>
    internal static bool IsCropped(ThumbnailComparisonResult r) =>
        !r.Placement.IsIdentity(ScaleTolerance, ShiftTolerance) && r.Distance - r.Placement.Distance >= MinimumImprovement;

    private static List<Finding> Judge(ThumbnailComparisonResult r)
    {
        var data = new JsonObject
        {
            ["distance"] = Round(r.Distance),
            ["bestDistance"] = Round(r.Placement.Distance),
            ["scale"] = r.Placement.Scale,
            ["shiftX"] = r.Placement.ShiftX,
            ["shiftY"] = r.Placement.ShiftY,
            ["thumbnail"] = $"{r.ThumbnailWidth}x{r.ThumbnailHeight}",
            ["imageAspect"] = Round(r.ImageAspect),
            ["thumbnailAspect"] = Round(r.ThumbnailAspect),
        };
        if (r.Letterboxed) data["content"] = new JsonObject { ["x"] = r.Content.X, ["y"] = r.Content.Y, ["width"] = r.Content.Width, ["height"] = r.Content.Height };
        if (r.Rotation != 0) data["rotation"] = r.Rotation;

        var findings = new List<Finding>();
        if (r.AspectDifference > AspectTolerance)
        {
            findings.Add(new Finding("thumbnail.aspect-mismatch", Severity.Warning,
                $"The embedded preview has a different shape ({F(r.ThumbnailAspect)}:1) than the image ({F(r.ImageAspect)}:1). "
                + "Cropping or resizing after the camera wrote the file leaves the old preview; a few cameras also squeeze wide images into a 4:3 preview without bars.",
                (JsonObject)data.DeepClone()));
        }
        var different = r.Placement.Distance > ContentThreshold;
        var cropped = IsCropped(r);
        if (different || cropped)
        {
            var how = different
                ? $"no placement of the image on the preview matches (best distance {F(r.Placement.Distance)}, threshold {F(ContentThreshold)})"
                : $"the image matches the preview best when taken as {r.Placement.Scale * 100:0}% of the preview's width, shifted by {r.Placement.ShiftX * 100:0.#}% and {r.Placement.ShiftY * 100:0.#}% (distance {F(r.Placement.Distance)} there, {F(r.Distance)} as stored): it was cropped or zoomed";
            findings.Add(new Finding("thumbnail.mismatch", Severity.Alert,
                $"The embedded preview shows a different picture than the image: {how}. "
                + "The image was changed after the camera wrote the file, or the thumbnail was replaced.",
                data));
        }
        else if (r.Rotation != 0)
        {
            findings.Add(new Finding("thumbnail.rotated", Severity.Notice,
                $"The embedded preview shows the same picture turned by {r.Rotation}°: the image was turned after the camera wrote the file, "
                + "as photo viewers do losslessly without updating the preview. The content was not otherwise changed at this scale.",
                data));
        }
        else if (findings.Count == 0)
        {
            findings.Add(new Finding("thumbnail.consistent", Severity.Info,
                $"The embedded preview shows the same picture as the image, in the same frame (distance {F(r.Distance)}).",
                data));
        }
        return findings;
    }

    private static Finding Undecodable(int length, string reason) =>
        new("thumbnail.undecodable", Severity.Notice,
            $"The EXIF block holds a thumbnail ({length} bytes) that cannot be decoded: {reason}. Some cameras write damaged or non-standard previews; an editor that rewrote the EXIF carelessly can too.",
            new JsonObject { ["bytes"] = length, ["reason"] = reason });

    private static double Round(double value) => Math.Round(value, 4);

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
