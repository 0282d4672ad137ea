using Athar.Imaging.Jpeg.Structure;
using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Duplicates;
using Athar.Forensics.Pdq;
using Athar.Imaging.TurboJpeg;

namespace Athar.Forensics.Analyzers;

/// <summary>
/// Records the item's PDQ hash, its quality and its eight dihedral variants (docs/pdq.md), for near-duplicate
/// grouping and hash-bank matching. Decodes with DCT scaling through <see cref="PdqJpeg"/> with the default
/// options (smaller side at least 256 px, the reference's 512x512 resampling), so the hashes are the same as
/// those of <c>athar pdq</c>. It decodes RGB on its own rather than reuse <see cref="ItemContext.Luma512"/>:
/// PDQ's luma weights and scale choice are part of the hash, and reusing the shared plane would change bits.
/// <para>
/// Version 2 also records the stored frame's width and height and a 32x32 luma thumbnail (<c>luma32</c>, base64 of
/// 1,024 bytes, <see cref="PdqThumbnail"/>) made from the same decoded pixels, so that near-duplicates can find
/// crops (docs/pdq.md, "thumbnails").
/// </para>
/// </summary>
public sealed class PerceptualHashAnalyzer : IItemAnalyzer
{
    /// <summary>Below this quality the PDQ documentation calls a hash unreliable for matching (flat or nearly blank images).</summary>
    public const int MinimumQuality = 50;

    /// <summary>The finding that carries {hash, quality, dihedral[8]}: the fact near-duplicate grouping and bank matching read.</summary>
    public const string HashCode = "pdq.hash";

    /// <summary>The finding data's key for the 32x32 luma thumbnail, base64.</summary>
    public const string ThumbnailKey = "luma32";

    private static readonly PdqOptions Options = PdqOptions.Default with { Dihedral = true, ThumbnailSide = CropMatch.ThumbnailSide };

    public string Name => "pdq";
    public int Version => 2;
    public AnalyzerNeeds Needs => AnalyzerNeeds.Bytes;
    public int CostTier => 1;

    public bool AppliesTo(string mediaType) => mediaType == "image/jpeg";

    public IReadOnlyList<Finding> Analyze(ItemContext item)
    {
        // A cut-off file decodes with grey-filled rows; its hash would match nothing it should.
        foreach (var issue in item.Structure.Issues)
            if (issue.Code is JpegStructureIssueCodes.Truncated or JpegStructureIssueCodes.NoEoi) return [];
        PdqResult result;
        try
        {
            result = PdqJpeg.Hash(item.Bytes.Span, Options);
        }
        catch (TurboJpegException)
        {
            // Undecodable or truncated: a hash of grey-filled rows would match nothing it should. jpeg-structure
            // reports the damage; the item simply has no hash.
            return [];
        }
        var dihedral = new JsonArray();
        foreach (var variant in result.Dihedral) dihedral.Add(variant.ToString());
        var data = new JsonObject
        {
            ["hash"] = result.Hash.ToString(), ["quality"] = result.Quality, ["dihedral"] = dihedral,
            ["width"] = result.Width, ["height"] = result.Height,
        };
        if (result.Thumbnail is { } thumbnail) data[ThumbnailKey] = Convert.ToBase64String(thumbnail);
        var findings = new List<Finding>
        {
            new(HashCode, Severity.Info,
                $"PDQ perceptual hash {result.Hash} (quality {result.Quality} of 100), with its rotated and mirrored variants, for finding near-duplicates.",
                data),
        };
        if (result.Quality < MinimumQuality)
        {
            findings.Add(new Finding("pdq.low-quality", Severity.Notice,
                $"The image is too flat or blank for a reliable perceptual hash (quality {result.Quality}, below {MinimumQuality}): near-duplicate matches for it are unreliable in both directions.",
                new JsonObject { ["quality"] = result.Quality }));
        }
        return findings;
    }
}
