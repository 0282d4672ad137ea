using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Metadata;
using Athar.Imaging.Jpeg.Structure;

namespace Athar.Forensics.Analyzers;

/// <summary>
/// Compares the file's quantisation tables (as a JPEGsnoop signature) with the tables known cameras and
/// programs write (<see cref="CompressionSignatureTable"/>). A camera's firmware uses its own tables; a file
/// re-saved by an editor carries the editor's. The plain IJG (libjpeg) tables at some quality are written
/// by software and by some cameras alike, so they are never more than a notice.
/// </summary>
public sealed class CompressionSignatureAnalyzer : IItemAnalyzer
{
    public const string Software = "jpeg.signature-software";
    public const string Ijg = "jpeg.signature-ijg";
    public const string CameraMismatch = "jpeg.signature-camera-mismatch";
    public const string CameraMatch = "jpeg.signature-camera-match";
    public const string Camera = "jpeg.signature-camera";
    public const string Unknown = "jpeg.signature-unknown";
    public const string OtherMaker = "jpeg.signature-other-maker";
    public const string Library = "jpeg.signature-library";

    private const int MaxListed = 8;

    public string Name => "compression-signature";
    // v2: the data also carries the chroma subsampling, so that archive-signature can tell a re-save at the
    // camera's own quality (same tables) by its other subsampling; another maker's tables under a brand that
    // sold OEM bodies (HP, Vivitar, ...) are a notice, not a warning.
    public int Version => 2;
    public AnalyzerNeeds Needs => AnalyzerNeeds.Bytes | AnalyzerNeeds.JpegStructure;
    public int CostTier => 1;

    public bool AppliesTo(string mediaType) => mediaType == "image/jpeg";

    public IReadOnlyList<Finding> Analyze(ItemContext item)
    {
        var structure = item.Structure;
        if (JpegSnoopSignature.Compute(structure) is not { } signature) return [];
        var writers = CompressionSignatureTable.Lookup(signature);
        var cameras = writers.Where(w => w.Source == SignatureSource.Camera).ToList();
        var programs = writers.Where(w => w.Source == SignatureSource.Software).ToList();
        var make = MetadataCache.For(item).Normalized.Make;
        var family = CompressionSignatureTable.MakeFamily(make);
        var ijg = structure.Quality is { IsExact: true } q ? q.Quality : (int?)null;

        var data = new JsonObject { ["signature"] = signature.Signature, ["signatureRotated"] = signature.Rotated };
        if (make is not null) data["exifMake"] = make;
        if (structure.Frame is { } frame) data["subsampling"] = frame.SubsamplingLabel;
        if (ijg is { } quality) data["ijgQuality"] = quality;
        if (cameras.Count > 0) data["cameras"] = List(cameras);
        if (programs.Count > 0) data["software"] = List(programs);

        if (family is not null && writers.Any(w => CompressionSignatureTable.MakeFamily(w.Make) == family))
            return [new Finding(CameraMatch, Severity.Info, $"The quantisation tables are ones that {make} devices (or {make}'s own JPEG software) write.", data)];
        if (ijg is { } q1)
            return [new Finding(Ijg, Severity.Notice,
                $"The quantisation tables are the standard libjpeg (IJG) tables at quality {q1}: written by a software library, not typical of camera firmware, but some cameras and phones use them too.",
                data)];
        if (cameras.Count > 0 && family is not null)
            return CompressionSignatureTable.KnowsCameraMake(family) && !CompressionSignatureTable.SellsOemBodies(family)
                ? [new Finding(CameraMismatch, Severity.Warning,
                    $"The quantisation tables are those of other makers' cameras ({Makes(cameras)}), not of {make}, which the EXIF names. Either the EXIF was changed or the image was re-saved by another device; makers that share firmware (OEM bodies) are an innocent cause.",
                    data)]
                : [new Finding(OtherMaker, Severity.Notice,
                    CompressionSignatureTable.KnowsCameraMake(family)
                        ? $"The quantisation tables are those of other makers' cameras ({Makes(cameras)}), not of {make}, which the EXIF names; {make} sold many cameras built by other makers (OEM bodies), so this is weak evidence."
                        : $"The quantisation tables are those of other makers' cameras ({Makes(cameras)}); the signature table lists no camera of {make}, which the EXIF names. Small makers often sold bodies built by others (OEM), so this is weak evidence.",
                    data)];
        if (cameras.Count > 0)
            return [new Finding(Camera, Severity.Info, $"The quantisation tables are ones that cameras write ({Makes(cameras)}); the file names no make to compare.", data)];
        var editors = programs.Where(p => !CompressionSignatureTable.IsCodecLibrary(p)).ToList();
        if (editors.Count > 0)
            return [new Finding(Software, Severity.Alert,
                $"The quantisation tables are those of editing software ({Makes(editors)}) and of no known camera. The image was most likely last saved by that software.",
                data)];
        if (programs.Count > 0)
            return [new Finding(Library, Severity.Notice,
                $"The quantisation tables are those of a JPEG codec library ({Makes(programs)}) and of no known camera. Programs use these libraries, and so does the firmware of some phones and cameras, so this is weak evidence of a re-save.",
                data)];
        return [new Finding(Unknown, Severity.Info, "The quantisation tables are not in the signature table; many cameras and programs are missing from it, so this says nothing either way.", data)];
    }

    private static string Makes(List<SignatureWriter> writers)
    {
        var names = writers.Select(w => w.Make.Length > 0 ? w.Make : w.Model).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return names.Count <= 4 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(4))} and {names.Count - 4} more";
    }

    private static JsonArray List(List<SignatureWriter> writers)
        => new([.. writers.Take(MaxListed).Select(w => (JsonNode)$"{w.Make} {w.Model}".Trim())]);
}
