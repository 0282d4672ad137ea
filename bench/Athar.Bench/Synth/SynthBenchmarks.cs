using Athar.Synth;
using Athar.Synth.Planning;
using Athar.Synth.Rendering;
using Athar.Synth.Scenes;
using BenchmarkDotNet.Attributes;

namespace Athar.Bench.Synth;

/// <summary>
/// Cost of one synthetic photo at 2048x1536: the scene render alone, and render + EXIF + thumbnail +
/// JPEG encode (one core). The end-to-end number, all cores, files written, is the CLI's own report:
///   ./athar synth --out /tmp/athar-synth-bench --photos 200 --anomalies 0.02
/// Run: dotnet run -c Release --project bench/Athar.Bench -- --filter '*SynthBenchmarks*'
/// Results go in docs/synth.md ("Speed").
/// </summary>
[MemoryDiagnoser]
public class SynthBenchmarks
{
    private PhotoFactory _factory = null!;
    private List<PhotoPlan> _photos = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var options = new SynthOptions { OutputDirectory = Path.GetTempPath(), Photos = 64, Width = 2048, Height = 1536, AnomalyRate = 0 };
        var planner = new ArchivePlanner(options);
        planner.Plan();
        _photos = planner.Photos;
        _factory = new PhotoFactory(options, new RenderAssets(options.Seed, options.Width));
        foreach (var camera in planner.Cameras) camera.Gain(options.Width, options.Height);
    }

    [Benchmark]
    public int RenderScene()
    {
        using var pixels = _factory.RenderPixels(_photos[_next++ % _photos.Count]);
        return pixels.Width;
    }

    [Benchmark]
    public int ProduceCameraFile() => _factory.Produce(_photos[_next++ % _photos.Count]).Length;
}
