using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Synth;
using Athar.Synth.Output;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Cameras;

/// <summary>
/// Builds the facts the archive store would hand the camera analyzers, without an archive: the metadata and
/// compression-signature analyzers run on each distinct file (one item per SHA-256), every copy's path kept.
/// </summary>
internal static class CameraFacts
{
    private static readonly IItemAnalyzer[] ItemAnalyzers = [new MetadataAnalyzer(), new CompressionSignatureAnalyzer()];

    public static List<ArchiveItemFacts> FromFiles(IEnumerable<(string Path, byte[] Bytes)> files)
    {
        var items = new Dictionary<string, (List<string> Paths, byte[] Bytes, long Seq)>(StringComparer.Ordinal);
        var seq = 0L;
        foreach (var (path, bytes) in files)
        {
            var id = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (items.TryGetValue(id, out var known)) known.Paths.Add(path);
            else items[id] = ([path], bytes, seq++);
        }
        var result = new List<ArchiveItemFacts>();
        foreach (var (id, (paths, bytes, first)) in items.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var mediaType = bytes is [0xFF, 0xD8, ..] ? "image/jpeg" : "application/octet-stream";
            var facts = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            using (var context = new ItemContext(id, mediaType, bytes))
                foreach (var analyzer in ItemAnalyzers.Where(a => a.AppliesTo(mediaType)))
                    foreach (var finding in analyzer.Analyze(context))
                        facts.TryAdd(finding.Code, finding.Data);
            result.Add(new ArchiveItemFacts(id, mediaType, first, paths, facts));
        }
        return result;
    }

    /// <summary>A synthetic archive's files in path order, as an ingest of the whole folder would see them.</summary>
    public static List<ArchiveItemFacts> FromSynth(string directory, GroundTruth truth)
        => FromFiles(truth.Files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => (f.Path, File.ReadAllBytes(Path.Combine(directory, f.Path)))));

    public static SynthResult Synth(TempDirectory temp, int photos, double rate, IReadOnlyList<AnomalyType> types, long seed, int cameras = 3)
        => SynthGenerator.Generate(new SynthOptions
        {
            OutputDirectory = temp.Path, Photos = photos, Cameras = cameras, Drives = 2, Width = 320, Height = 240,
            AnomalyRate = rate, AnomalyTypes = types, Seed = seed,
        }, cancel: TestContext.Current.CancellationToken);

    /// <summary>Item id (SHA-256) to the anomaly types planted in it; items without any map to an empty set.</summary>
    public static Dictionary<string, HashSet<string>> Planted(GroundTruth truth)
    {
        var planted = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in truth.Files.Where(f => f.Kind != "other"))
        {
            if (!planted.TryGetValue(file.Sha256, out var set)) planted[file.Sha256] = set = [];
            foreach (var anomaly in file.Anomalies) set.Add(anomaly.Type);
        }
        return planted;
    }

    /// <summary>One item from hand-written metadata: what MetadataAnalyzer would record for such a file.</summary>
    public static ArchiveItemFacts Item(string id, string path, string? make, string? model, string? serial, string? time,
        string? subSecond = null, long? shutterCount = null, string? signature = null, string subsampling = "4:2:2")
    {
        var summary = new JsonObject { ["hasExif"] = true, ["hasXmp"] = false };
        if (make is not null) summary["make"] = make;
        if (model is not null) summary["model"] = model;
        if (serial is not null) summary["bodySerial"] = serial;
        if (time is not null)
        {
            var original = new JsonObject { ["raw"] = time.Replace('-', ':').Replace('T', ' '), ["value"] = time + (subSecond is null ? "" : "." + subSecond) };
            if (subSecond is not null) original["subSecond"] = subSecond;
            summary["dateTimeOriginal"] = original;
        }
        if (shutterCount is not null) summary["shutterCount"] = shutterCount;
        var facts = new Dictionary<string, JsonObject>(StringComparer.Ordinal) { [MetadataAnalyzer.Summary] = summary };
        if (signature is not null)
            facts[CompressionSignatureAnalyzer.Unknown] = new JsonObject { ["signature"] = signature, ["subsampling"] = subsampling };
        return new ArchiveItemFacts(id, "image/jpeg", 0, [path], facts);
    }
}
