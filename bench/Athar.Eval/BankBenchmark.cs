using System.Diagnostics;
using Athar.Bench.Shared;
using Athar.Forensics.HashIndex;
using Athar.Forensics.Pdq;

namespace Athar.Eval;

/// <summary>
/// Hash-bank lookups: a bank of N random PDQ hashes, radius-R queries through <see cref="PdqHashIndex"/> on T
/// threads, wall clock and CPU time, against <see cref="LinearScan"/> on the same T threads. Each query is a
/// random hash with 4 planted bank neighbours at distances 0, 10, 20 and 31, so every query has answers
/// (bench/Shared/PlantedBank.cs, the bank of bench/Athar.Bench's PdqHashIndexBenchmarks too). The linear scan's answers are compared with the
/// index's for every query it runs.
/// </summary>
public static class BankBenchmark
{
    public static int Run(Arguments args)
    {
        var size = args.Int("size", 10_000_000);
        var queryCount = args.Int("queries", 100_000);
        var radius = args.Int("radius", 31);
        var threads = args.Int("threads", Environment.ProcessorCount);
        var linearQueries = args.Int("linear-queries", 16);
        var rounds = args.Int("rounds", 3);

        Console.WriteLine($"== hash bank: {size:N0} random hashes, {queryCount:N0} queries at radius {radius}, {threads} threads; load average {LoadAverage()}");
        var (bank, queries) = PlantedBank.Make(size, queryCount);

        var watch = Stopwatch.StartNew();
        var index = PdqHashIndex.Build(bank);
        Console.WriteLine($"index built in {watch.Elapsed.TotalSeconds:0.0} s, {index.MemoryBytes / (1 << 20):N0} MiB; transparent huge pages in use: {HugePagesInUse()}");

        Measure(index, queries[..Math.Min(2000, queryCount)], radius, threads); // warm-up: JIT, page faults
        var best = 0.0;
        for (var round = 0; round < rounds; round++)
        {
            var (qps, cpuQps, found) = Measure(index, queries, radius, threads);
            best = Math.Max(best, qps);
            Console.WriteLine($"index round {round + 1}: {qps:N0} queries/s wall clock, {cpuQps:N0} queries per CPU-second (x{threads} threads), {found:N0} matches; load average {LoadAverage()}");
        }

        var linear = queries[..Math.Min(linearQueries, queryCount)];
        var linearResults = new List<PdqMatch>[linear.Length];
        watch.Restart();
        Parallel.For(0, linear.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, q =>
        {
            linearResults[q] = [];
            LinearScan.Query(bank, [], linear[q], radius, linearResults[q]);
        });
        var linearQps = linear.Length / watch.Elapsed.TotalSeconds;
        var mismatches = 0;
        for (var q = 0; q < linear.Length; q++)
            if (!index.Query(linear[q], radius).Select(m => m.Id).SequenceEqual(linearResults[q].Select(m => m.Id))) mismatches++;
        Console.WriteLine($"linear scan: {linearQps:N1} queries/s wall clock on {threads} threads ({1000 / linearQps * threads:0.0} ms per query per thread), {linear.Length} queries");
        Console.WriteLine($"index answers equal to the linear scan's: {linear.Length - mismatches}/{linear.Length}");
        Console.WriteLine($"RESULT bank lookups: {best:N0} queries/s (best round), goal >= 20,000; {best / linearQps:N0} x the linear scan");
        return mismatches == 0 ? 0 : 1;
    }

    private static (double Qps, double CpuQps, long Found) Measure(PdqHashIndex index, PdqHash[] queries, int radius, int threads)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long found = 0;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, worker =>
        {
            var results = new List<PdqMatch>();
            long mine = 0;
            for (var q = worker; q < queries.Length; q += threads)
            {
                results.Clear();
                mine += index.Query(queries[q], radius, results);
            }
            Interlocked.Add(ref found, mine);
        });
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        return (queries.Length / wall, queries.Length / Math.Max(cpu, 1e-9) * threads, found);
    }

    /// <summary>AnonHugePages of this process (Linux): whether the index's madvise(MADV_HUGEPAGE) took effect.</summary>
    private static string HugePagesInUse()
    {
        try
        {
            var line = File.ReadLines("/proc/self/smaps_rollup").FirstOrDefault(l => l.StartsWith("AnonHugePages:", StringComparison.Ordinal));
            return line is null ? "?" : line["AnonHugePages:".Length..].Trim();
        }
        catch (IOException) { return "?"; }
    }

    internal static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }
}
