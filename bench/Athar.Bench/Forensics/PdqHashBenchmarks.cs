using Athar.Forensics.Pdq;
using BenchmarkDotNet.Attributes;

namespace Athar.Bench.Forensics;

/// <summary>
/// PDQ hashing of every JPEG in ../shared/testdata/camera-originals (87 camera originals, one of them an empty file, left out), files already in memory: decode (DCT-scaled to the given floor on the smaller side; 0 is a
/// full-size decode, the reference's pipeline) plus hash. The reported time is per photo (OperationsPerInvoke).
/// Run: dotnet run -c Release --project bench/Athar.Bench -- --filter '*PdqHashBenchmarks*' --job short
/// (add --inProcess on a busy machine, where BenchmarkDotNet's own build can pass its 2-minute timeout)
/// </summary>
[MemoryDiagnoser]
public class PdqHashBenchmarks
{
    private const int Photos = 86; // 87 files, one of them empty
    private byte[][] _files = [];

    [Params(0, 1024, 512)]
    public int MinimumDecodedSide { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(FindTestData(), "camera-originals");
        _files = Directory.EnumerateFiles(folder, "*.jpg", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive }).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).Where(bytes => bytes.Length > 0).ToArray();
        if (_files.Length != Photos) throw new InvalidOperationException($"expected {Photos} photos in {folder}, found {_files.Length}");
    }

    [Benchmark(OperationsPerInvoke = Photos)]
    public int HashPhotos()
    {
        var options = new PdqOptions { MinimumDecodedSide = MinimumDecodedSide };
        var sum = 0;
        foreach (var file in _files) sum += PdqJpeg.Hash(file, options).Quality;
        return sum;
    }

    internal static string FindTestData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/testdata not found above " + AppContext.BaseDirectory);
    }
}
