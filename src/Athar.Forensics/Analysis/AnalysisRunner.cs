using System.Collections.Concurrent;
using Athar.Core.Analysis;

namespace Athar.Forensics.Analysis;

public sealed record AnalysisSummary(int ItemsSeen, int ItemsAnalysed, int Results, int Findings, IReadOnlyList<(string ItemId, string Error)> Failures);

public readonly record struct AnalysisProgress(int ItemsDone, int ItemsTotal);

/// <summary>
/// Runs what is stale: for each item, every applicable analyzer (up to the chosen cost tier) whose
/// recorded version differs from its current one. Each item is read once and its derived inputs shared;
/// items run in parallel; results are recorded in batches. An analyzer that throws is a failure of that
/// analyzer on that item, reported, never a stop.
/// </summary>
public sealed class AnalysisRunner(IAnalysisStore store, IReadOnlyList<IItemAnalyzer> analyzers)
{
    private const int BatchSize = 64;

    public AnalysisSummary Run(int maxTier = 1, IProgress<AnalysisProgress>? progress = null, CancellationToken cancel = default)
    {
        var chosen = analyzers.Where(a => a.CostTier <= maxTier).ToList();
        var work = new List<(AnalysisCandidate Item, List<IItemAnalyzer> Stale)>();
        var seen = 0;
        foreach (var item in store.Items())
        {
            seen++;
            var recorded = store.RecordedVersions(item.ItemId);
            var stale = chosen.Where(a => a.AppliesTo(item.MediaType) && (!recorded.TryGetValue(a.Name, out var v) || v != a.Version)).ToList();
            if (stale.Count > 0) work.Add((item, stale));
        }

        var pending = new ConcurrentQueue<List<AnalysisResult>>();
        var failures = new ConcurrentBag<(string, string)>();
        var gate = new object();
        int done = 0, results = 0, findings = 0;
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel }, job =>
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(job.Item.ContentPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add((job.Item.ItemId, $"cannot read the stored original: {e.Message}"));
                return;
            }
            using var context = new ItemContext(job.Item.ItemId, job.Item.MediaType, bytes);
            var itemResults = new List<AnalysisResult>(job.Stale.Count);
            foreach (var analyzer in job.Stale)
            {
                IReadOnlyList<Finding> found;
                try
                {
                    found = analyzer.Analyze(context);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Add((job.Item.ItemId, $"{analyzer.Name} {analyzer.Version} failed: {e.Message}"));
                    continue;
                }
                itemResults.Add(new AnalysisResult(job.Item.ItemId, analyzer.Name, analyzer.Version, found));
                Interlocked.Add(ref findings, found.Count);
                Interlocked.Increment(ref results);
            }
            if (itemResults.Count > 0) pending.Enqueue(itemResults);
            var d = Interlocked.Increment(ref done);
            progress?.Report(new AnalysisProgress(d, work.Count));
            if (pending.Count >= BatchSize) Flush(pending, gate);
        });
        Flush(pending, gate);
        return new AnalysisSummary(seen, work.Count, results, findings, failures.ToList());
    }

    // Recording is serial (one ledger writer); results of one item always travel in the same batch.
    private void Flush(ConcurrentQueue<List<AnalysisResult>> pending, object gate)
    {
        lock (gate)
        {
            var batch = new List<AnalysisResult>();
            while (pending.TryDequeue(out var itemResults)) batch.AddRange(itemResults);
            if (batch.Count > 0) store.Record(batch);
        }
    }
}
