using Athar.Imaging.Jpeg.Structure;
using BenchmarkDotNet.Attributes;

namespace Athar.Bench.Imaging;

/// <summary>
/// <see cref="JpegStructureParser.Parse(ReadOnlySpan{byte})"/> over the 87 camera originals of
/// shared/testdata/camera-originals (34 MB), files already in memory. The reported time is per file
/// (OperationsPerInvoke); MB/s = total bytes / (files x mean). <see cref="ParseAndSign"/> adds the
/// JPEGsnoop signature (two MD5s over ~1 KB of text).
/// Run: dotnet run -c Release --project bench/Athar.Bench -- --filter '*JpegStructure*' --job short
/// </summary>
// Last run (2026-11-22, --job short, AMD EPYC 2 cores shared with other builds, .NET 10.0.12, very noisy):
// | Method       | Mean     | Error      | StdDev   | Gen0   | Allocated |
// | Parse        | 295.1 us | 1,399.1 us | 76.69 us |      - |   4.98 KB |
// | ParseAndSign | 174.2 us |   876.5 us | 48.05 us | 1.2572 |  22.13 KB |
// 87 files, 33,764,399 bytes: 175-295 us per file = 3,400-5,700 files/s = 1.3-2.2 GB/s (the two rows do the
// same parse; their difference is noise from the shared cores, not the signature).
[MemoryDiagnoser]
public class JpegStructureBenchmarks
{
    private byte[][] _files = [];

    /// <summary>Total size of the files parsed per invocation, printed in the setup log for the MB/s figure.</summary>
    public long TotalBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var folder = FindCameraOriginals();
        _files = Directory.EnumerateFiles(folder)
            .Where(p => p.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToArray();
        TotalBytes = _files.Sum(f => (long)f.Length);
        Console.WriteLine($"// JpegStructureBenchmarks: {_files.Length} files, {TotalBytes} bytes from {folder}");
    }

    [Benchmark(OperationsPerInvoke = 87)]
    public int Parse()
    {
        var markers = 0;
        foreach (var file in _files) markers += JpegStructureParser.Parse(file).Markers.Count;
        return markers;
    }

    [Benchmark(OperationsPerInvoke = 87)]
    public int ParseAndSign()
    {
        var n = 0;
        foreach (var file in _files)
        {
            var signature = JpegSnoopSignature.Compute(JpegStructureParser.Parse(file));
            n += signature is null ? 0 : 1;
        }
        return n;
    }

    private static string FindCameraOriginals()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata", "camera-originals");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/testdata/camera-originals not found above " + AppContext.BaseDirectory);
    }
}
