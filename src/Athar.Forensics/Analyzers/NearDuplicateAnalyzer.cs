using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Core.Custody;
using Athar.Forensics.Analysis;
using Athar.Forensics.Duplicates;
using Athar.Forensics.Pdq;

namespace Athar.Forensics.Analyzers;

/// <summary>
/// Groups the archive's near-duplicates: items whose PDQ hashes lie within distance 31 over the eight rotations and
/// mirrors, clustered as <see cref="NearDuplicateClustering"/> describes (docs/analyzers.md, "near-duplicates"). Each
/// member of a group gets a <see cref="CatalogedFindingCodes.NearDuplicateGroup"/> finding with
/// {group, representative, distance, transform, members}. Info for the representative and for members that carry
/// camera metadata; notice for a member without camera metadata in a group whose representative has it (a
/// re-encoded copy: an export, a resize, a messaging-app transfer), which is worth a look but innocent as a rule.
/// <para>
/// Version 2 also finds crops (PDQ is not robust to them): an item joins the group of a larger item when its 32x32
/// luma thumbnail correlates at least <see cref="NearDuplicateClustering.CropCorrelation"/> with a window of the
/// larger one's thumbnail, under the same camera-exposure rule. Such a member's data carries
/// <c>crop: {of, scale, left, top, correlation}</c>.
/// </para>
/// </summary>
public sealed class NearDuplicateAnalyzer : IArchiveAnalyzer
{
    /// <summary>At most this many groups are listed in the run's summary (the ledger entry); the count is always exact.</summary>
    public const int SummaryGroupLimit = 10_000;

    public string Name => "near-duplicates";
    public int Version => 2;
    public IReadOnlyCollection<string> FactCodes => [PerceptualHashAnalyzer.HashCode, MetadataAnalyzer.Summary];
    public string ExtraInputDigest => "";

    public ArchiveAnalysisOutput Analyze(IReadOnlyList<ArchiveItemFacts> items, CancellationToken cancel)
    {
        var candidates = new List<NearDuplicateCandidate>(items.Count);
        var lowQuality = 0;
        foreach (var item in items)
        {
            if (Candidate(item) is not { } candidate) continue;
            if (candidate.Quality < NearDuplicateClustering.MinimumQuality) lowQuality++;
            candidates.Add(candidate);
        }
        var grouping = NearDuplicateClustering.Group(candidates, cancel);

        var findings = new Dictionary<string, IReadOnlyList<Finding>>(StringComparer.Ordinal);
        var list = new JsonArray();
        var grouped = 0;
        foreach (var group in grouping.Groups)
        {
            var representative = candidates[group.Representative];
            for (var k = 0; k < group.Members.Length; k++)
            {
                var member = candidates[group.Members[k]];
                var crop = grouping.Crops.TryGetValue(group.Members[k], out var link) ? (Link: link, Of: candidates[link.Original].ItemId) : ((CropLink Link, string Of)?)null;
                findings[member.ItemId] = [MemberFinding(group, k, member, representative, crop)];
            }
            grouped += group.Members.Length;
            if (list.Count < SummaryGroupLimit)
                list.Add(new JsonObject { ["id"] = group.Id, ["representative"] = representative.ItemId, ["members"] = group.Members.Length });
        }
        var summary = new JsonObject
        {
            ["items"] = items.Count,
            ["hashed"] = candidates.Count,
            ["lowQuality"] = lowQuality,
            ["pairs"] = grouping.Edges,
            ["refusedMerges"] = grouping.RefusedMerges,
            ["cropLinks"] = grouping.CropLinks,
            ["joinedAsCrops"] = grouping.Crops.Count,
            ["groupCount"] = grouping.Groups.Count,
            ["grouped"] = grouped,
            ["groups"] = list,
        };
        return new ArchiveAnalysisOutput(findings, summary);
    }

    private static Finding MemberFinding(NearDuplicateGroup group, int k, NearDuplicateCandidate member, NearDuplicateCandidate representative, (CropLink Link, string Of)? crop)
    {
        var data = new JsonObject
        {
            ["group"] = group.Id,
            ["representative"] = representative.ItemId,
            ["distance"] = group.Distances[k],
            ["transform"] = TransformName(group.Transforms[k]),
            ["members"] = group.Members.Length,
        };
        var cropText = "";
        if (crop is { } c)
        {
            data["crop"] = new JsonObject
            {
                ["of"] = c.Of,
                ["scale"] = Math.Round(c.Link.Fit.Scale, 3),
                ["left"] = Math.Round(c.Link.Fit.Left, 3),
                ["top"] = Math.Round(c.Link.Fit.Top, 3),
                ["correlation"] = Math.Round(c.Link.Fit.Correlation, 4),
            };
            // The crop search compares unturned images; the dihedral minimum of a crop's PDQ distance is noise.
            data["transform"] = TransformName(PdqTransform.Original);
            cropText = $" It is a crop of {c.Of[..12]}: about {100 * c.Link.Fit.Scale:F0}% of each side, from {100 * c.Link.Fit.Left:F0}% across and {100 * c.Link.Fit.Top:F0}% down (32x32 luma correlation {c.Link.Fit.Correlation:F3}; PDQ, which cropping defeats, puts it at distance {group.Distances[k]} of 256).";
        }
        var others = group.Members.Length - 1;
        if (k == 0)
            return new Finding(CatalogedFindingCodes.NearDuplicateGroup, Severity.Info,
                $"Representative of near-duplicate group {group.Id}: {others} other item{(others == 1 ? " looks" : "s look")} like this image (PDQ perceptual hash within distance {NearDuplicateClustering.Radius} of 256, or a crop of a member).{cropText}",
                data);
        var turned = group.Transforms[k] == PdqTransform.Original ? "" : $", {Describe(group.Transforms[k])}";
        var stripped = member.Exposure is null && representative.Exposure is not null;
        var explanation = (crop is null
                ? $"Near-duplicate of {representative.ItemId[..12]} (group {group.Id}, PDQ distance {group.Distances[k]} of 256{turned})."
                : $"Near-duplicate of {representative.ItemId[..12]} (group {group.Id}).")
            + cropText
            + (stripped ? " This copy has no camera metadata while the representative has: a re-encoded copy (an export, a resize, a crop or a messaging-app transfer)." : "");
        return new Finding(CatalogedFindingCodes.NearDuplicateGroup, stripped ? Severity.Notice : Severity.Info, explanation, data);
    }

    /// <summary>The item's PDQ facts and the camera exposure its EXIF claims; null when it has no usable hash.</summary>
    internal static NearDuplicateCandidate? Candidate(ArchiveItemFacts item) =>
        Candidate(item.ItemId, item.Fact(PerceptualHashAnalyzer.HashCode), item.Fact(MetadataAnalyzer.Summary));

    /// <summary>
    /// A candidate from the data of a <c>pdq.hash</c> finding (and of <c>exif.summary</c>, for the camera and exposure);
    /// null when the hash data is missing or malformed.
    /// </summary>
    public static NearDuplicateCandidate? Candidate(string itemId, JsonObject? pdq, JsonObject? exif)
    {
        if (pdq is null || !PdqHash.TryParse(JsonFields.Text(pdq, "hash"), out var hash)) return null;
        if (pdq["dihedral"] is not JsonArray variants || variants.Count != 8) return null;
        var dihedral = new PdqHash[8];
        for (var t = 0; t < 8; t++)
            if (!PdqHash.TryParse(variants[t] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null, out dihedral[t])) return null;
        var quality = (int)(JsonFields.Integer(pdq, "quality") ?? 0);
        string? camera = null, exposure = null;
        if (exif is not null && exif["dateTimeOriginal"] is JsonObject original && JsonFields.Text(original, "raw") is { } raw)
        {
            var make = JsonFields.Text(exif, "make");
            var model = JsonFields.Text(exif, "model");
            if (make is not null || model is not null)
            {
                camera = $"{make}\u001f{model}\u001f{JsonFields.Text(exif, "bodySerial")}";
                exposure = $"{raw}.{JsonFields.Text(original, "subSecond")}";
            }
        }
        byte[]? thumbnail = null;
        if (JsonFields.Text(pdq, PerceptualHashAnalyzer.ThumbnailKey) is { } text64)
        {
            var bytes = new byte[CropMatch.ThumbnailSide * CropMatch.ThumbnailSide];
            if (Convert.TryFromBase64String(text64, bytes, out var written) && written == bytes.Length) thumbnail = bytes;
        }
        return new NearDuplicateCandidate(itemId, hash, dihedral, quality, camera, exposure)
        {
            Width = (int)(JsonFields.Integer(pdq, "width") ?? 0),
            Height = (int)(JsonFields.Integer(pdq, "height") ?? 0),
            Thumbnail = thumbnail,
        };
    }

    /// <summary>The name written into finding data: the enum's name in camelCase ("rotate90", "flipX").</summary>
    public static string TransformName(PdqTransform t)
    {
        var name = t.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static string Describe(PdqTransform t) => t switch
    {
        PdqTransform.Rotate90 => "turned a quarter counter-clockwise",
        PdqTransform.Rotate180 => "turned upside down",
        PdqTransform.Rotate270 => "turned a quarter clockwise",
        PdqTransform.FlipX => "mirrored top to bottom",
        PdqTransform.FlipY => "mirrored left to right",
        PdqTransform.FlipPlus1 => "mirrored about the main diagonal",
        PdqTransform.FlipMinus1 => "mirrored about the anti-diagonal",
        _ => "as is",
    };
}
