using System.Numerics.Tensors;

namespace Athar.Cards.Digits;

/// <summary>
/// A deeper recogniser: a stack of 3x3 convolutions, each followed by ReLU and, where its layer says so, 2x2 max
/// pooling, then a dense hidden layer and ten outputs. Written as its trainer names it, "32,32p,64,64p:256":
/// <code>
/// 28x28 ─conv3x3 (32)─ 26 ─conv3x3 (32)─ 24 ─max2─ 12 ─conv3x3 (64)─ 10 ─conv3x3 (64)─ 8 ─max2─ 4x4x64 ─dense 1024→256─ dense 256→10
/// </code>
/// It was trained with batch normalisation after each convolution (scripts/digits/train.py --deep); the file
/// holds the normalisation folded into each convolution's kernels and bias, so the pass only convolves. The
/// first layer runs along positions and the others on im2col rows (<see cref="ConvolutionKernels"/>).
/// </summary>
public sealed class DeepDigitNetwork : IDigitNetwork, IEquatable<DeepDigitNetwork>
{
    /// <summary>Every convolution's kernel side.</summary>
    public const int Kernel = 3;

    private readonly Layer[] _layers;

    /// <summary>One convolution: its output width, whether a 2x2 max pool follows, and where it sits.</summary>
    private readonly record struct Layer(int InChannels, int Channels, bool Pool, int InSide, int Side, int OutSide, int Weights, int Bias)
    {
        public int Patch => InChannels * Kernel * Kernel;
    }

    public DeepDigitNetwork(IReadOnlyList<(int Channels, bool Pool)> convolutions, int hidden)
    {
        if (convolutions.Count is < 1 or > 8 || hidden is < 1 or > 4096)
            throw new ArgumentException($"unsupported deep digit network: {convolutions.Count} convolutions, hidden {hidden}");
        _layers = new Layer[convolutions.Count];
        int channels = 1, side = DigitNetwork.Side, offset = 0;
        for (var i = 0; i < _layers.Length; i++)
        {
            var (width, pool) = convolutions[i];
            if (width is < 1 or > 256) throw new ArgumentException($"unsupported convolution width {width}");
            var convolved = side - Kernel + 1;
            var outSide = pool ? convolved / 2 : convolved;
            if (outSide < 1) throw new ArgumentException($"{convolutions.Count} convolutions leave nothing of a 28x28 digit");
            var weights = offset;
            offset += width * channels * Kernel * Kernel;
            _layers[i] = new Layer(channels, width, pool, side, convolved, outSide, weights, offset);
            offset += width;
            channels = width;
            side = outSide;
        }
        Hidden = hidden;
        Flat = channels * side * side;
        HiddenWeights = offset;
        HiddenBias = HiddenWeights + hidden * Flat;
        OutputWeights = HiddenBias + hidden;
        OutputBias = OutputWeights + DigitNetwork.Classes * hidden;
        ParameterCount = OutputBias + DigitNetwork.Classes;
        _shape = string.Join(",", Array.ConvertAll(_layers, l => l.Pool ? $"{l.Channels}p" : $"{l.Channels}")) + $":{Hidden}";
    }

    // The trainer's notation of this shape: what equality compares, kept so that a workspace lookup allocates nothing.
    private readonly string _shape;

    /// <summary>Reads the trainer's notation: "32,32p,64,64p:256" (widths, p where a 2x2 max pool follows, then the hidden width).</summary>
    public static DeepDigitNetwork Parse(string shape)
    {
        var parts = shape.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[1], out var hidden)) throw new FormatException($"not a deep digit network shape: {shape}");
        var convolutions = new List<(int, bool)>();
        foreach (var layer in parts[0].Split(','))
        {
            var pool = layer.EndsWith('p');
            if (!int.TryParse(pool ? layer[..^1] : layer, out var width)) throw new FormatException($"not a deep digit network shape: {shape}");
            convolutions.Add((width, pool));
        }
        return new DeepDigitNetwork(convolutions, hidden);
    }

    /// <summary>The convolutions' widths and pooling, in order.</summary>
    public IReadOnlyList<(int Channels, bool Pool)> Convolutions => Array.ConvertAll(_layers, l => (l.Channels, l.Pool));

    public int Hidden { get; }

    /// <summary>Values the last convolution hands the dense layer.</summary>
    public int Flat { get; }

    private int HiddenWeights { get; }
    private int HiddenBias { get; }
    private int OutputWeights { get; }
    private int OutputBias { get; }

    public int ParameterCount { get; }

    public void RequireParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount)
            throw new ArgumentException($"{parameters.Length} parameters given; a network of shape {this} has {ParameterCount}", nameof(parameters));
    }

    public override string ToString() => _shape;

    public bool Equals(DeepDigitNetwork? other) => other is not null && _shape == other._shape;
    public override bool Equals(object? obj) => Equals(obj as DeepDigitNetwork);
    public override int GetHashCode() => _shape.GetHashCode(StringComparison.Ordinal);

    public DigitWorkspace CreateWorkspace() => new Workspace(this);

    public void Forward(ReadOnlySpan<float> parameters, DigitWorkspace workspace)
    {
        var p = parameters;
        if (workspace is not Workspace w || !Equals(w.Network)) throw new ArgumentException($"a workspace of another shape given to a network of shape {this}", nameof(workspace));
        ReadOnlySpan<float> map = w.Input;
        for (var i = 0; i < _layers.Length; i++)
        {
            var l = _layers[i];
            var positions = l.Side * l.Side;
            var weights = p.Slice(l.Weights, l.Channels * l.Patch);
            var bias = p.Slice(l.Bias, l.Channels);
            if (l.InChannels == 1)
            {
                ConvolutionKernels.Im2ColTransposed(map, l.InSide, Kernel, w.Columns);
                ConvolutionKernels.ConvolveByPositions(w.Columns, weights, bias, l.Channels, l.Patch, positions, w.Convolved[i]);
            }
            else
            {
                ConvolutionKernels.Im2Col(map, l.InChannels, l.InSide, Kernel, w.Columns);
                ConvolutionKernels.Convolve(w.Columns, weights, bias, l.Channels, l.Patch, positions, w.Convolved[i]);
            }
            map = w.Convolved[i];
            if (l.Pool)
            {
                ConvolutionKernels.MaxPool(map, l.Channels, l.Side, w.Pooled[i], w.PoolArg);
                map = w.Pooled[i];
            }
        }
        ConvolutionKernels.Dense(p.Slice(HiddenWeights, Hidden * Flat), p.Slice(HiddenBias, Hidden), map, w.HiddenUnits, relu: true);
        ConvolutionKernels.Dense(p.Slice(OutputWeights, DigitNetwork.Classes * Hidden), p.Slice(OutputBias, DigitNetwork.Classes), w.HiddenUnits, w.Logits, relu: false);
        TensorPrimitives.SoftMax(w.Logits, w.Probabilities);
    }

    private sealed class Workspace : DigitWorkspace
    {
        public Workspace(DeepDigitNetwork n)
        {
            Network = n;
            var columns = 0;
            var poolArg = 0;
            Convolved = new float[n._layers.Length][];
            Pooled = new float[n._layers.Length][];
            for (var i = 0; i < n._layers.Length; i++)
            {
                var l = n._layers[i];
                columns = Math.Max(columns, l.Side * l.Side * l.Patch);
                Convolved[i] = new float[l.Channels * l.Side * l.Side];
                Pooled[i] = l.Pool ? new float[l.Channels * l.OutSide * l.OutSide] : [];
                if (l.Pool) poolArg = Math.Max(poolArg, Pooled[i].Length);
            }
            Columns = new float[columns];
            PoolArg = new int[poolArg];
            HiddenUnits = new float[n.Hidden];
        }

        public DeepDigitNetwork Network { get; }
        public float[] Columns { get; }
        public float[][] Convolved { get; }
        public float[][] Pooled { get; }
        public int[] PoolArg { get; }
        public float[] HiddenUnits { get; }
        public float[] Logits { get; } = new float[DigitNetwork.Classes];
    }
}
