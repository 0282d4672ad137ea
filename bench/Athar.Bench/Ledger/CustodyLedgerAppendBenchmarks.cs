using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Storage.Ledger;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Athar.Bench.Ledger;

/// <summary>
/// Appending one million realistic copy-ingested entries to a real <see cref="CustodyLedger"/> (canonical
/// JSON, fsync per batch, index, Merkle tiles), in batches of the given size. One operation is one entry.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class CustodyLedgerAppendBenchmarks
{
    private const int Entries = 1_000_000;
    private string _directory = "";
    private CustodyEvent[] _batch = [];

    [Params(1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _batch = new CustodyEvent[BatchSize];
        for (var i = 0; i < BatchSize; i++)
        {
            _batch[i] = new CustodyEvent(CustodyEventTypes.CopyIngested, "archivist@host",
                new JsonObject { ["item"] = Convert.ToHexStringLower(BitConverter.GetBytes((long)i)).PadLeft(64, '0'), ["source"] = "drive-07" },
                new JsonObject
                {
                    ["path"] = $"DCIM/{100 + i / 9999}NIKON/DSCN{i % 9999 + 1:D4}.JPG", ["origin"] = "/media/usb0", ["size"] = 2_345_678L + i,
                    ["mediaType"] = "image/jpeg", ["modified"] = "2013-05-03T09:14:07.000000000Z", ["changed"] = "2014-02-01T10:00:00.123456789Z",
                    ["accessed"] = "2014-02-01T10:00:00.123456789Z", ["objectPath"] = "abc/def/012/" + new string('f', 64),
                    ["storedName"] = $"DSCN{i % 9999 + 1:D4}.JPG", ["custodian"] = "K. Custodian", ["received"] = "2014-03-01",
                    ["note"] = null, ["toolVersion"] = "athar 0.1.0",
                });
        }
    }

    [IterationSetup]
    public void Fresh()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"athar-bench-ledger-{Guid.NewGuid():N}");
        CustodyLedger.Create(_directory).Dispose();
    }

    [Benchmark(OperationsPerInvoke = Entries)]
    public long AppendOneMillion()
    {
        using var ledger = CustodyLedger.Open(_directory, writable: true);
        for (var done = 0; done < Entries; done += BatchSize) ledger.Append(_batch);
        return ledger.Size;
    }

    [IterationCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);
}
