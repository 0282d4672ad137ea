using Athar.TestSupport;

namespace Athar.Synth.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Same_arguments_give_byte_identical_archives_whatever_the_thread_count()
    {
        using var a = new TempDirectory("synth-a");
        using var b = new TempDirectory("synth-b");
        SynthOptions Options(string dir, int parallelism) => new()
        {
            OutputDirectory = dir, Photos = 16, Cameras = 2, Drives = 2, Width = 160, Height = 120, AnomalyRate = 0.5, Seed = 11, Parallelism = parallelism,
        };
        SynthGenerator.Generate(Options(a.Path, 1), cancel: TestContext.Current.CancellationToken);
        SynthGenerator.Generate(Options(b.Path, 4), cancel: TestContext.Current.CancellationToken);
        var filesA = Directory.EnumerateFiles(a.Path, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(a.Path, p)).Order(StringComparer.Ordinal).ToList();
        var filesB = Directory.EnumerateFiles(b.Path, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(b.Path, p)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(filesA, filesB);
        Assert.True(filesA.Count > 16);
        foreach (var file in filesA) Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, file)), File.ReadAllBytes(Path.Combine(b.Path, file)));
    }

    [Fact]
    public void A_different_seed_gives_a_different_archive()
    {
        using var a = new TempDirectory("synth-a");
        using var b = new TempDirectory("synth-b");
        var first = SynthGenerator.Generate(new SynthOptions { OutputDirectory = a.Path, Photos = 6, Width = 160, Height = 120, Seed = 1 }, cancel: TestContext.Current.CancellationToken);
        var second = SynthGenerator.Generate(new SynthOptions { OutputDirectory = b.Path, Photos = 6, Width = 160, Height = 120, Seed = 2 }, cancel: TestContext.Current.CancellationToken);
        Assert.NotEqual(first.GroundTruth.Files[0].Sha256, second.GroundTruth.Files[0].Sha256);
    }

    [Fact]
    public void Rerunning_into_the_same_folder_replaces_the_drives()
    {
        using var dir = new TempDirectory("synth");
        var options = new SynthOptions { OutputDirectory = dir.Path, Photos = 8, Width = 160, Height = 120, Drives = 3 };
        SynthGenerator.Generate(options, cancel: TestContext.Current.CancellationToken);
        var again = SynthGenerator.Generate(options with { Drives = 1 }, cancel: TestContext.Current.CancellationToken);
        Assert.False(Directory.Exists(dir.Combine("drive-02")));
        Assert.All(again.GroundTruth.Files, f => Assert.StartsWith("drive-01/", f.Path));
    }
}
