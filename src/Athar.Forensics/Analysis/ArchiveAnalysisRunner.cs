using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Core.Custody;

namespace Athar.Forensics.Analysis;

/// <summary>What one archive-level analyzer did: skipped as up to date, or ran over the items and changed some.</summary>
public sealed record ArchiveRunSummary(string Analyzer, int Version, bool Ran, int Items, int Changed, int Findings, string InputDigest);

/// <summary>
/// Runs the archive-level analyzers that are stale. An analyzer is stale when its version or its input
/// digest (the SHA-256 of every item's facts it reads, in id order, plus its extra inputs) differs from its
/// last recorded run. A run records an analysis entry only for the items whose findings changed (an item
/// with no recorded result counts as having found nothing), then one archive-analysis entry with the
/// input digest and the summary. A crash between the two is harmless: the next run finds the same results,
/// records no item twice, and writes the missing run entry.
/// </summary>
public sealed class ArchiveAnalysisRunner(IArchiveAnalysisStore store, IReadOnlyList<IArchiveAnalyzer> analyzers)
{
    private const int BatchSize = 512;

    public IReadOnlyList<ArchiveRunSummary> Run(CancellationToken cancel = default)
    {
        var summaries = new List<ArchiveRunSummary>(analyzers.Count);
        foreach (var analyzer in analyzers) summaries.Add(RunOne(analyzer, cancel));
        return summaries;
    }

    private ArchiveRunSummary RunOne(IArchiveAnalyzer analyzer, CancellationToken cancel)
    {
        var items = store.Facts(analyzer.FactCodes).ToList();
        var inputDigest = InputDigest(items, analyzer.ExtraInputDigest);
        var last = store.LastRun(analyzer.Name);
        if (last is not null && last.Version == analyzer.Version && last.InputDigest == inputDigest)
            return new ArchiveRunSummary(analyzer.Name, analyzer.Version, Ran: false, items.Count, 0, 0, inputDigest);

        var output = analyzer.Analyze(items, cancel);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items) known.Add(item.ItemId);
        foreach (var itemId in output.Findings.Keys)
            if (!known.Contains(itemId)) throw new InvalidOperationException($"{analyzer.Name} reported findings for {itemId}, which is not among its items");

        var recorded = store.RecordedResults(analyzer.Name);
        var batch = new List<AnalysisResult>(BatchSize);
        int changed = 0, findings = 0;
        foreach (var item in items)
        {
            cancel.ThrowIfCancellationRequested();
            var found = output.Findings.TryGetValue(item.ItemId, out var f) ? f : [];
            findings += found.Count;
            var result = new AnalysisResult(item.ItemId, analyzer.Name, analyzer.Version, found) { InputDigest = inputDigest };
            var isNew = recorded.TryGetValue(item.ItemId, out var previous)
                ? previous.Version != analyzer.Version || previous.ResultDigest != result.ResultDigest
                : found.Count > 0;
            if (!isNew) continue;
            batch.Add(result);
            changed++;
            if (batch.Count == BatchSize) { store.Record(batch); batch = new List<AnalysisResult>(BatchSize); }
        }
        if (batch.Count > 0) store.Record(batch);
        store.RecordRun(new ArchiveRunRecord(analyzer.Name, analyzer.Version, inputDigest, 0), items.Count, changed, output.Summary);
        return new ArchiveRunSummary(analyzer.Name, analyzer.Version, Ran: true, items.Count, changed, findings, inputDigest);
    }

    /// <summary>
    /// SHA-256 over each item's id, type, intake position, paths and facts (RFC 8785 JSON, so the digest depends on content, not
    /// on how the catalog stored it), in id order, then the extra inputs.
    /// </summary>
    public static string InputDigest(IReadOnlyList<ArchiveItemFacts> items, string extraInputDigest)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData("athar/archive-analysis-input/1\n"u8);
        foreach (var item in items)
        {
            var paths = new JsonArray();
            foreach (var path in item.Paths) paths.Add(path);
            var facts = new JsonObject();
            foreach (var (code, data) in item.Facts) facts[code] = data.DeepClone();
            var record = new JsonObject { ["item"] = item.ItemId, ["mediaType"] = item.MediaType, ["firstSeq"] = item.FirstSequence, ["paths"] = paths, ["facts"] = facts };
            hash.AppendData(CanonicalJson.Serialize(record));
            hash.AppendData("\n"u8);
        }
        hash.AppendData(Encoding.UTF8.GetBytes("extra:" + extraInputDigest));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
