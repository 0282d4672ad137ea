using Athar.Cards.Digits;
using BenchmarkDotNet.Attributes;

namespace Athar.Bench.Cards;

/// <summary>
/// One digit through <see cref="DigitClassifier.Classify(ReadOnlySpan{byte}, Span{float})"/> for each network
/// shape the card reader has shipped or considered (docs/cards.md, "Choosing the network"; the last is a
/// <see cref="DeepDigitNetwork"/>). The weights are
/// random: the forward pass does the same work whatever their values. A card photo classifies about 12 to 40
/// digit images (three lines, plus the segmenter's alternative cuts of touching digits).
/// Run: dotnet run -c Release --project bench/Athar.Bench -- --filter '*DigitClassifier*' --job short
/// </summary>
// Last run (2026-11-23 08:00 UTC, --job short, AMD EPYC 2 cores, nothing else running, .NET 10; docs/benchmarks.md,
// where an earlier run gave higher times for every shape: compare within a run):
// | Shape                | Mean     | Allocated |
// | 16,5,32,3,128        |  59.1 us |         - |
// | 32,3,64,3,256        | 166.5 us |         - |
// | 32,5,64,3,256        | 155.5 us |         - |
// | 32,32p,64,64p:256    | 427.0 us |         - |
// | 32,32,32p,64,64p:256 | 554.4 us |         - |
[MemoryDiagnoser]
public class DigitClassifierBenchmarks
{
    private DigitClassifier _classifier = null!;
    private byte[] _digit = [];
    private readonly float[] _probabilities = new float[DigitNetwork.Classes];

    [Params("16,5,32,3,128", "32,3,64,3,256", "32,5,64,3,256", "32,32p,64,64p:256", "32,32,32p,64,64p:256")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        IDigitNetwork network;
        if (Shape.Contains(':')) network = DeepDigitNetwork.Parse(Shape);
        else
        {
            var s = Shape.Split(',').Select(int.Parse).ToArray();
            network = new DigitNetwork(s[0], s[1], s[2], s[3], s[4]);
        }
        var random = new Random(5);
        var parameters = new float[network.ParameterCount];
        for (var i = 0; i < parameters.Length; i++) parameters[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
        _classifier = new DigitClassifier(network, parameters);
        _digit = new byte[DigitNetwork.Side * DigitNetwork.Side];
        for (var y = 6; y < 22; y++) for (var x = 10; x < 18; x++) _digit[y * 28 + x] = (byte)random.Next(128, 256);
    }

    [Benchmark]
    public int Classify() => _classifier.Classify(_digit, _probabilities);
}
