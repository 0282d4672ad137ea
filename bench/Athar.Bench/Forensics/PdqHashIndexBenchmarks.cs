using Athar.Bench.Shared;
using Athar.Forensics.HashIndex;
using Athar.Forensics.Pdq;
using BenchmarkDotNet.Attributes;

namespace Athar.Bench.Forensics;

/// <summary>
/// Radius-31 queries against a bank of 10,000,000 random PDQ hashes: the multi-index hash index on one
/// thread and on all cores, against a linear scan. 1,024 random queries, each with 4 planted neighbours at
/// distances 0, 10, 20 and 31 (so every query has answers). Times are per query (OperationsPerInvoke).
/// Run: dotnet run -c Release --project bench/Athar.Bench -- --filter '*PdqHashIndexBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class PdqHashIndexBenchmarks
{
    private const int BankSize = 10_000_000;
    private const int Queries = 1024;
    private const int Radius = 31;
    private PdqHash[] _bank = [];
    private PdqHash[] _queries = [];
    private PdqHashIndex _index = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_bank, _queries) = PlantedBank.Make(BankSize, Queries);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        _index = PdqHashIndex.Build(_bank);
        Console.WriteLine($"// built index over {BankSize:N0} hashes in {watch.Elapsed.TotalSeconds:F1} s, {_index.MemoryBytes / (1 << 20):N0} MiB");
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public int IndexOneThread()
    {
        var results = new List<PdqMatch>();
        var total = 0;
        foreach (var query in _queries)
        {
            results.Clear();
            total += _index.Query(query, Radius, results);
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public int IndexAllCores()
    {
        var total = 0;
        Parallel.For(0, Environment.ProcessorCount, () => new List<PdqMatch>(), (worker, _, results) =>
        {
            for (var q = worker; q < Queries; q += Environment.ProcessorCount) _index.Query(_queries[q], Radius, results);
            return results;
        }, results => Interlocked.Add(ref total, results.Count));
        return total;
    }

    [Benchmark(OperationsPerInvoke = 4)]
    public int LinearScanOneThread()
    {
        var results = new List<PdqMatch>();
        for (var q = 0; q < 4; q++) LinearScan.Query(_bank, [], _queries[q], Radius, results);
        return results.Count;
    }
}
