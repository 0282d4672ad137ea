using System.Numerics.Tensors;

namespace Athar.Cards.Digits;

/// <summary>
/// Recognises one handwritten digit from a 28x28 MNIST-style image (ink 0..255 on 0 background, the digit
/// fitted into the central 20x20 box by its centre of mass; <see cref="DigitNormalizer"/> makes such
/// images from card crops). One network, or several whose probabilities are averaged: the committed model is
/// one <see cref="DigitNetwork"/> and two <see cref="DeepDigitNetwork"/>s of different depths, all trained with digits
/// turned by up to 10 degrees (docs/cards.md, "Networks trained to turn"). Thread-safe: each thread gets its own workspace per network shape.
/// </summary>
public sealed class DigitClassifier
{
    // The committed networks, in the order they were added (Resources/digit-weights*.txt records each).
    private static readonly string[] s_resources = ["Athar.Cards.digit-weights.bin.gz", "Athar.Cards.digit-weights-2.bin.gz", "Athar.Cards.digit-weights-3.bin.gz"];
    private static readonly Lazy<DigitClassifier> s_default = new(LoadEmbedded);

    [ThreadStatic] private static Dictionary<IDigitNetwork, DigitWorkspace>? t_workspaces;

    private readonly (IDigitNetwork Network, float[] Parameters)[] _members;

    /// <summary>A classifier over <paramref name="parameters"/> (<see cref="IDigitNetwork.ParameterCount"/> values, kept, not copied).</summary>
    public DigitClassifier(IDigitNetwork network, float[] parameters)
    {
        network.RequireParameters(parameters);
        _members = [(network, parameters)];
    }

    private DigitClassifier((IDigitNetwork, float[])[] members) => _members = members;

    /// <summary>How many networks read each digit.</summary>
    public int NetworkCount => _members.Length;

    /// <summary>The committed model (Resources/digit-weights.bin.gz, digit-weights-2.bin.gz and digit-weights-3.bin.gz).</summary>
    public static DigitClassifier Default => s_default.Value;

    public static DigitClassifier Load(Stream weights)
    {
        var (network, parameters) = DigitWeights.Load(weights);
        return new DigitClassifier(network, parameters);
    }

    /// <summary>
    /// One classifier that averages the probabilities of all the given classifiers' networks. Networks that err
    /// on different digits cancel part of each other's errors; the cost is one forward pass per network.
    /// </summary>
    public static DigitClassifier Average(params DigitClassifier[] classifiers)
    {
        if (classifiers.Length == 0) throw new ArgumentException("at least one classifier is needed", nameof(classifiers));
        var members = new List<(IDigitNetwork, float[])>();
        foreach (var c in classifiers) members.AddRange(c._members);
        return new DigitClassifier([.. members]);
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
        probabilities = probabilities[..DigitNetwork.Classes];
        probabilities.Clear();
        const float scale = 1f / 255f;
        DigitWorkspace? first = null;
        foreach (var (network, parameters) in _members)
        {
            var w = WorkspaceFor(network);
            // The image is scaled once; every other network's workspace copies it (no pass writes its input).
            if (first is null)
            {
                for (var i = 0; i < image28.Length; i++) w.Input[i] = image28[i] * scale;
                first = w;
            }
            else if (w != first) first.Input.CopyTo(w.Input, 0);
            network.Forward(parameters, w);
            TensorPrimitives.Add(probabilities, w.Probabilities, probabilities);
        }
        if (_members.Length > 1) TensorPrimitives.Multiply(probabilities, 1f / _members.Length, probabilities);
        var best = 0;
        for (var c = 1; c < DigitNetwork.Classes; c++) if (probabilities[c] > probabilities[best]) best = c;
        return best;
    }

    private static DigitWorkspace WorkspaceFor(IDigitNetwork network)
    {
        var workspaces = t_workspaces ??= [];
        if (!workspaces.TryGetValue(network, out var w)) workspaces[network] = w = network.CreateWorkspace(); // any network of this shape can use it
        return w;
    }

    private static DigitClassifier LoadEmbedded()
    {
        var members = new DigitClassifier[s_resources.Length];
        for (var i = 0; i < members.Length; i++)
        {
            using var stream = typeof(DigitClassifier).Assembly.GetManifestResourceStream(s_resources[i])
                ?? throw new InvalidOperationException($"embedded resource {s_resources[i]} is missing: run scripts/train-digits-torch.sh (docs/cards.md)");
            members[i] = Load(stream);
        }
        return Average(members);
    }
}
