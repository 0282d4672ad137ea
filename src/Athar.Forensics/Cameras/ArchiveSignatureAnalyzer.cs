using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;

namespace Athar.Forensics.Cameras;

/// <summary>
/// The archive's own compression-signature table: per camera model (EXIF make and model), which quantisation
/// tables and chroma subsampling its photos show, and how often. The model's established signatures (those
/// of a large share of its photos) are the reference for that model; a photo whose signature the model
/// otherwise hardly ever writes was most likely re-encoded by something else. This catches re-saves that
/// the public table cannot (the archive's cameras may be missing from it, or the editor may use the IJG
/// tables some cameras use too). Thresholds: docs/analyzers.md, "archive-signature".
/// </summary>
public sealed class ArchiveSignatureAnalyzer : IArchiveAnalyzer
{
    public const string Outlier = "jpeg.signature-archive-outlier";

    /// <summary>A model needs this many photos with a signature before its own table is trusted.</summary>
    public const int ModelMinimum = 20;
    /// <summary>A signature is established for a model when at least this share of the model's photos (and 2) have it.</summary>
    public const double EstablishedShare = 0.10;
    /// <summary>The established signatures must cover this share of the model's photos; below it the model's tables vary too much (adaptive tables, many settings).</summary>
    public const double MinimumCoverage = 0.60;
    /// <summary>A photo is an outlier when fewer than this share of its model's photos have its signature.</summary>
    public const double OutlierShare = 0.05;

    public string Name => "archive-signature";
    public int Version => 1;
    public IReadOnlyCollection<string> FactCodes => TimelineItem.FactCodes;
    public string ExtraInputDigest => "";

    public ArchiveAnalysisOutput Analyze(IReadOnlyList<ArchiveItemFacts> items, CancellationToken cancel)
    {
        var signed = new List<(string ItemId, string Make, string Model, Signature Signature)>();
        foreach (var item in items)
        {
            var summary = item.Fact(MetadataAnalyzer.Summary);
            var fact = TimelineItem.SignatureFact(item);
            if (summary is null || fact is null || Text(fact["signature"]) is not { } signature) continue;
            var make = Text(summary["make"])?.Trim('\0', ' ') ?? "";
            var model = Text(summary["model"])?.Trim('\0', ' ') ?? "";
            if (make.Length == 0 && model.Length == 0) continue; // no model to hold the photo against
            int? quality = fact["ijgQuality"] is JsonValue q && q.TryGetValue<int>(out var v) ? v : null;
            signed.Add((item.ItemId, make, model, new Signature(signature, Text(fact["subsampling"]) ?? "", quality)));
        }
        cancel.ThrowIfCancellationRequested();

        var findings = new Dictionary<string, IReadOnlyList<Finding>>(StringComparer.Ordinal);
        var models = new JsonArray();
        var outliers = 0;
        foreach (var group in signed.GroupBy(s => CameraIdentity.ModelKeyOf(s.Make, s.Model), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var photos = group.ToList();
            var counts = photos.GroupBy(p => p.Signature).Select(g => (Signature: g.Key, Count: g.Count()))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Signature.Key, StringComparer.Ordinal).ToList();
            var total = photos.Count;
            bool IsEstablished(int count) => count >= 2 && count >= total * EstablishedShare;
            var coverage = counts.Where(c => IsEstablished(c.Count)).Sum(c => c.Count) / (double)total;
            var trusted = total >= ModelMinimum && coverage >= MinimumCoverage;
            var label = CameraIdentity.ModelLabel(photos[0].Make, photos[0].Model);
            var table = new JsonArray([.. counts.Select(c => (JsonNode)c.Signature.ToJson(c.Count, total, IsEstablished(c.Count)))]);
            models.Add(new JsonObject
            {
                ["make"] = photos[0].Make, ["model"] = photos[0].Model, ["label"] = label, ["items"] = total,
                ["coverage"] = Math.Round(coverage, 4), ["reference"] = trusted, ["signatures"] = table,
            });
            if (!trusted) continue;
            var established = counts.Where(c => IsEstablished(c.Count)).ToList();
            foreach (var (itemId, _, _, signature) in photos)
            {
                var count = counts.First(c => c.Signature == signature).Count;
                if (count >= total * OutlierShare) continue;
                outliers++;
                var data = signature.ToJson(count, total, established: false);
                data["make"] = photos[0].Make;
                data["model"] = photos[0].Model;
                data["established"] = new JsonArray([.. established.Select(e => (JsonNode)e.Signature.ToJson(e.Count, total, true))]);
                findings[itemId] = [new Finding(Outlier, Severity.Warning,
                    $"In this archive, {total} photos name the camera model {label}, and {coverage:P0} of them carry {(established.Count == 1 ? "one compression signature" : $"one of {established.Count} compression signatures")} ({string.Join("; ", established.Select(e => e.Signature.Describe()))}). This photo's ({signature.Describe()}) is shared by {count} of them ({(double)count / total:P1}). A camera encodes with the tables of its quality settings, so this photo was most likely re-encoded by other software or another device after the camera wrote it. Cameras with a rarely used quality setting are an innocent cause.",
                    data)];
            }
        }
        return new ArchiveAnalysisOutput(findings, new JsonObject { ["items"] = items.Count, ["signed"] = signed.Count, ["outliers"] = outliers, ["models"] = models });
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>What the archive groups photos of a model by: the JPEGsnoop table signature and the chroma subsampling.</summary>
    private sealed record Signature(string Tables, string Subsampling, int? IjgQuality)
    {
        public string Key => $"{Tables}/{Subsampling}";

        public string Describe() => $"tables {Tables[..Math.Min(8, Tables.Length)]}{(IjgQuality is { } q ? $" (IJG quality {q})" : "")}, {(Subsampling.Length > 0 ? Subsampling : "subsampling unknown")}";

        public JsonObject ToJson(int count, int total, bool established) => new()
        {
            ["signature"] = Tables,
            ["subsampling"] = Subsampling,
            ["ijgQuality"] = IjgQuality,
            ["items"] = count,
            ["share"] = Math.Round(count / (double)total, 4),
            ["established"] = established,
        };

        public bool Equals(Signature? other) => other is not null && other.Tables == Tables && other.Subsampling == Subsampling;
        public override int GetHashCode() => HashCode.Combine(Tables, Subsampling);
    }
}
