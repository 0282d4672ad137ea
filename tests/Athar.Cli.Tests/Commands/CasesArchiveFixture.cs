using Athar.Cli.Tests.Support;
using Athar.Synth;
using Athar.Synth.Output;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

/// <summary>
/// One small synthetic archive (240 photos at 160x120, every drive ingested as its own source, `cases read`
/// run once), shared by the cases tests. Tests that change it work on a copy (<see cref="Copy"/>).
/// </summary>
public sealed class CasesArchiveFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new("cases-cli");

    public string Archive => _temp.Combine("archive");
    public GroundTruth Truth { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var synth = SynthGenerator.Generate(new SynthOptions
        {
            OutputDirectory = _temp.Combine("drives"), Photos = 240, Width = 160, Height = 120, Seed = 11, Parallelism = 1,
        });
        Truth = synth.GroundTruth;
        var cli = new AtharCli(Archive);
        await cli.Init();
        foreach (var drive in Directory.GetDirectories(_temp.Combine("drives"), "drive-*").Order(StringComparer.Ordinal))
            await cli.Ingest(drive, "--source", Path.GetFileName(drive));
        var read = await cli.Json("cases", "read");
        Assert.True(read.Exit == 0, read.ToString());
    }

    /// <summary>A copy of the archive as the fixture left it, for a test that changes things.</summary>
    public AtharCli Copy(TempDirectory into)
    {
        var target = into.Combine("archive");
        foreach (var file in Directory.EnumerateFiles(Archive, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Archive, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return new AtharCli(target);
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
