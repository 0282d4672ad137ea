using Athar.Synth;
using Athar.Synth.Output;
using Athar.TestSupport;

namespace Athar.Cards.Tests.Reading;

/// <summary>Small synthetic archives made once per resolution for the card reading tests.</summary>
public sealed class SynthPhotos : IDisposable
{
    private readonly Dictionary<(int, int), (TempDirectory Dir, GroundTruth Truth)> _archives = [];
    private readonly Lock _lock = new();

    public const int Photos = 60;

    /// <summary>The originals that show a card, with their bytes, card numbers and true quad.</summary>
    public IReadOnlyList<(string Path, byte[] Jpeg, GroundTruthCard Card, IReadOnlyList<float[]> Quad)> CardPhotos(int width, int height)
    {
        (TempDirectory Dir, GroundTruth Truth) archive;
        lock (_lock)
        {
            if (!_archives.TryGetValue((width, height), out archive))
            {
                var dir = new TempDirectory("athar-cards");
                var result = SynthGenerator.Generate(new SynthOptions
                {
                    OutputDirectory = dir.Path, Photos = Photos, Width = width, Height = height, Seed = 21,
                    CopyRate = 0, NearDuplicateRate = 0, AnomalyRate = 0,
                });
                archive = (dir, result.GroundTruth);
                _archives[(width, height)] = archive;
            }
        }
        var cards = archive.Truth.Cases.ToDictionary(c => c.Id, c => c.Card);
        return archive.Truth.Files
            .Where(f => f.Kind == "original" && f.Case is not null && f.CardQuad is not null)
            .Select(f => (f.Path, File.ReadAllBytes(archive.Dir.Combine(f.Path)), cards[f.Case!], f.CardQuad!))
            .ToList();
    }

    public void Dispose()
    {
        foreach (var (dir, _) in _archives.Values) dir.Dispose();
    }
}
