using Athar.Synth.Output;
using Athar.TestSupport;

namespace Athar.Synth.Tests;

/// <summary>One small archive (320x240, every anomaly type) generated once and shared by the tests that read it.</summary>
public sealed class SynthArchiveFixture : IDisposable
{
    private readonly TempDirectory _directory = new("synth");

    public SynthArchiveFixture()
    {
        Options = new SynthOptions
        {
            OutputDirectory = _directory.Path,
            Photos = 90,
            Cameras = 3,
            Drives = 2,
            Width = 320,
            Height = 240,
            AnomalyRate = 0.3,
            Seed = 7,
            NearDuplicateRate = 0.15,
        };
        Result = SynthGenerator.Generate(Options);
        Truth = GroundTruth.Read(Path.Combine(_directory.Path, GroundTruth.FileName));
    }

    public SynthOptions Options { get; }
    public SynthResult Result { get; }
    public GroundTruth Truth { get; }
    public string Root => _directory.Path;

    public string Full(string relative) => Path.Combine(Root, relative);

    public IEnumerable<GroundTruthFile> Originals => Truth.Files.Where(f => f.Kind == "original");

    public IEnumerable<GroundTruthFile> With(AnomalyType type) => Originals.Where(f => f.Anomalies.Any(a => a.Type == type.Name()));

    /// <summary>Originals with no planted anomaly at all.</summary>
    public IEnumerable<GroundTruthFile> Clean => Originals.Where(f => f.Anomalies.Count == 0);

    public void Dispose() => _directory.Dispose();
}
