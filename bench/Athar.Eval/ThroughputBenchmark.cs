using System.Diagnostics;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;

namespace Athar.Eval;

/// <summary>
/// Tier-1 analysis throughput: every tier-1 item analyzer (JPEG structure, metadata, editing traces, times,
/// compression signature, thumbnail, PDQ with its dihedral variants) over a folder of JPEGs, through
/// <see cref="AnalysisRunner"/> with all cores, as `athar analyze` runs them, but recording into memory instead of
/// the ledger and catalog (those are measured by `athar analyze` itself, see docs/benchmarks.md).
/// </summary>
public static class ThroughputBenchmark
{
    public static int Run(Arguments args)
    {
        var folder = args.Required("photos");
        var repeat = Math.Max(1, args.Int("repeat", 1));
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new EvalUsageException($"no JPEGs under {folder}");

        if (args.Has("breakdown-only"))
        {
            Breakdown(files.Take(args.Int("breakdown-only", 40)).ToList());
            return 0;
        }

        // Warm-up on a few files: JIT, the signature table, libjpeg-turbo's first handle.
        new AnalysisRunner(new MemoryStore(files.Take(8).ToList(), 1), AnalyzerCatalog.Default()).Run(1);

        var store = new MemoryStore(files, repeat);
        var watch = Stopwatch.StartNew();
        var summary = new AnalysisRunner(store, AnalyzerCatalog.Default()).Run(1);
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"athar tier-1 analysis: {summary.ItemsAnalysed} photos ({files.Count} files x {repeat}), {summary.Findings} findings, {summary.Failures.Count} failures, " +
            $"{seconds:0.00} s, {summary.ItemsAnalysed / seconds:0.0} photos/s on {Environment.ProcessorCount} cores");
        Console.WriteLine($"RESULT athar-photos-per-second {summary.ItemsAnalysed / seconds:0.00}");
        if (args.Has("breakdown")) Breakdown(files.Take(args.Int("breakdown", 40)).ToList());
        return summary.Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Where the time goes: each analyzer on one thread, file by file, in catalog order, each file's context
    /// shared as in the runner. The grey 512 px plane is decoded first and charged on its own; the metadata
    /// extraction is charged to the first analyzer that asks for it (metadata).
    /// </summary>
    private static void Breakdown(IReadOnlyList<string> files)
    {
        var analyzers = AnalyzerCatalog.Default().Where(a => a.CostTier <= 1).ToList();
        var ticks = new long[analyzers.Count];
        var read = 0L;
        var luma = 0L;
        foreach (var file in files)
        {
            var start = Stopwatch.GetTimestamp();
            var bytes = File.ReadAllBytes(file);
            read += Stopwatch.GetTimestamp() - start;
            using var context = new ItemContext(file, "image/jpeg", bytes);
            start = Stopwatch.GetTimestamp();
            _ = context.Luma512; // the shared grey plane, charged on its own rather than to its first user
            luma += Stopwatch.GetTimestamp() - start;
            for (var i = 0; i < analyzers.Count; i++)
            {
                start = Stopwatch.GetTimestamp();
                try { analyzers[i].Analyze(context); }
                catch (Exception e) when (e is not OutOfMemoryException) { /* counted as time spent; failures are the runner's report */ }
                ticks[i] += Stopwatch.GetTimestamp() - start;
            }
        }
        static double Ms(long t, int n) => t * 1000.0 / Stopwatch.Frequency / n;
        Console.WriteLine($"breakdown over {files.Count} photos, one thread, ms per photo: read {Ms(read, files.Count):0.00}, grey 512 px decode {Ms(luma, files.Count):0.00}, " +
            string.Join(", ", analyzers.Select((a, i) => $"{a.Name} {Ms(ticks[i], files.Count):0.00}")) + $"; total {Ms(read + luma + ticks.Sum(), files.Count):0.00}");
    }

    /// <summary>Every file is a stale item (repeated <c>repeat</c> times under distinct ids); results are counted, not kept.</summary>
    private sealed class MemoryStore(IReadOnlyList<string> files, int repeat) : IAnalysisStore
    {
        public IEnumerable<AnalysisCandidate> Items()
        {
            for (var r = 0; r < repeat; r++)
                for (var i = 0; i < files.Count; i++)
                    yield return new AnalysisCandidate($"{r:x4}{i:x8}", "image/jpeg", new FileInfo(files[i]).Length, files[i]);
        }

        public IReadOnlyDictionary<string, int> RecordedVersions(string itemId) => new Dictionary<string, int>();

        public void Record(IReadOnlyList<AnalysisResult> results) { }
    }
}
