namespace Athar.Cards.Digits;

/// <summary>
/// Recognises one handwritten digit from a 28x28 MNIST-style image (ink 0..255 on 0 background, the digit
/// fitted into the central 20x20 box by its centre of mass; <see cref="DigitNormalizer"/> makes such
/// images from card crops). Thread-safe: each thread gets its own workspace.
/// </summary>
public sealed class DigitClassifier
{
    private const string ResourceName = "Athar.Cards.digit-weights.bin.gz";
    private static readonly Lazy<DigitClassifier> s_default = new(LoadEmbedded);

    [ThreadStatic] private static DigitNetwork.Workspace? t_workspace;

    private readonly DigitNetwork _network;
    private readonly float[] _parameters;

    /// <summary>A classifier over <paramref name="parameters"/> (<see cref="DigitNetwork.ParameterCount"/> values, kept, not copied).</summary>
    public DigitClassifier(DigitNetwork network, float[] parameters)
    {
        network.RequireParameters(parameters);
        _network = network;
        _parameters = parameters;
    }

    /// <summary>The network's shape.</summary>
    public DigitNetwork Network => _network;

    /// <summary>The committed model (Resources/digit-weights.bin.gz).</summary>
    public static DigitClassifier Default => s_default.Value;

    public static DigitClassifier Load(Stream weights)
    {
        var (network, parameters) = DigitWeights.Load(weights);
        return new DigitClassifier(network, parameters);
    }

    /// <summary>Classifies a 28x28 row-major image. Requires exactly 784 bytes.</summary>
    public DigitPrediction Classify(ReadOnlySpan<byte> image28)
    {
        var probabilities = new float[DigitNetwork.Classes];
        var digit = Classify(image28, probabilities);
        return new DigitPrediction(digit, probabilities[digit], probabilities);
    }

    /// <summary>Allocation-free form: writes the ten probabilities and returns the most probable digit.</summary>
    public int Classify(ReadOnlySpan<byte> image28, Span<float> probabilities)
    {
        if (image28.Length != DigitNetwork.Side * DigitNetwork.Side) throw new ArgumentException($"a digit image is 784 bytes, not {image28.Length}", nameof(image28));
        if (probabilities.Length < DigitNetwork.Classes) throw new ArgumentException("room for ten probabilities is needed", nameof(probabilities));
        var w = t_workspace;
        if (w is null || w.Network != _network) t_workspace = w = new DigitNetwork.Workspace(_network); // any network of this shape can use it
        const float scale = 1f / 255f;
        for (var i = 0; i < image28.Length; i++) w.Input[i] = image28[i] * scale;
        _network.Forward(_parameters, w);
        w.Probabilities.CopyTo(probabilities);
        var best = 0;
        for (var c = 1; c < DigitNetwork.Classes; c++) if (w.Probabilities[c] > w.Probabilities[best]) best = c;
        return best;
    }

    private static DigitClassifier LoadEmbedded()
    {
        using var stream = typeof(DigitClassifier).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing: run scripts/train-digits.sh (docs/cards.md)");
        return Load(stream);
    }
}
