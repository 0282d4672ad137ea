using System.Diagnostics;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

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
    /// Where the time goes, in the thread's CPU time (wall time on a shared machine counts the others' work too):
    /// each analyzer on one thread, file by file, in catalog order, each file's context shared as in the runner.
    /// The grey 512 px plane is decoded first and charged on its own; the metadata extraction is charged to the
    /// first analyzer that asks for it (metadata). Then the decode floors (<see cref="DecodeFloors"/>).
    /// </summary>
    private static void Breakdown(IReadOnlyList<string> files)
    {
        var analyzers = AnalyzerCatalog.Default().Where(a => a.CostTier <= 1).ToList();
        var ticks = new long[analyzers.Count];
        var read = 0L;
        var luma = 0L;
        foreach (var file in files)
        {
            var start = ThreadCpuClock.Now();
            var bytes = File.ReadAllBytes(file);
            read += ThreadCpuClock.Now() - start;
            using var context = new ItemContext(file, "image/jpeg", bytes);
            start = ThreadCpuClock.Now();
            _ = context.Luma512; // the shared grey plane, charged on its own rather than to its first user
            luma += ThreadCpuClock.Now() - start;
            for (var i = 0; i < analyzers.Count; i++)
            {
                start = ThreadCpuClock.Now();
                try { analyzers[i].Analyze(context); }
                catch (Exception e) when (e is not OutOfMemoryException) { /* counted as time spent; failures are the runner's report */ }
                ticks[i] += ThreadCpuClock.Now() - start;
            }
        }
        static double Ms(long t, int n) => t / 1e6 / n;
        var (greyEighth, greyFull, rgbFull) = DecodeFloors(files);
        Console.WriteLine($"decode floors over {files.Count} photos, one thread, CPU ms per photo (libjpeg-turbo alone, files in memory): grey at 1/8 {greyEighth:0.00}, grey at full size {greyFull:0.00}, RGB at full size {rgbFull:0.00}");
        Console.WriteLine($"breakdown over {files.Count} photos, one thread, CPU ms per photo: read {Ms(read, files.Count):0.00}, grey 512 px decode {Ms(luma, files.Count):0.00}, " +
            string.Join(", ", analyzers.Select((a, i) => $"{a.Name} {Ms(ticks[i], files.Count):0.00}")) + $"; total {Ms(read + luma + ticks.Sum(), files.Count):0.00}");
    }

    /// <summary>
    /// What libjpeg-turbo alone costs per photo: a grey decode at 1/8 is the least any analysis of the pixels can
    /// ask of it (the Huffman decoding of every block cannot be skipped), so it bounds how fast pixel checks can be.
    /// </summary>
    private static (double GreyEighth, double GreyFull, double RgbFull) DecodeFloors(IReadOnlyList<string> files)
    {
        var contents = files.Select(File.ReadAllBytes).ToList();
        var decoder = JpegDecoder.Shared;
        double Time(PixelLayout layout, JpegScale scale)
        {
            var start = ThreadCpuClock.Now();
            foreach (var bytes in contents)
            {
                try
                {
                    using var image = decoder.Decode(bytes, layout, scale, tolerateWarnings: true, out _);
                }
                catch (TurboJpegException) { /* undecodable: costs what it costs */ }
            }
            return (ThreadCpuClock.Now() - start) / 1e6 / contents.Count;
        }
        Time(PixelLayout.Gray8, JpegScale.Eighth); // warm-up
        return (Time(PixelLayout.Gray8, JpegScale.Eighth),
            Time(PixelLayout.Gray8, JpegScale.Full),
            Time(PixelLayout.Rgb24, JpegScale.Full));
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
