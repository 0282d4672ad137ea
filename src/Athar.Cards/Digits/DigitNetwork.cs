using System.Numerics.Tensors;

namespace Athar.Cards.Digits;

/// <summary>
/// The digit recogniser's shape and its forward pass: a LeNet-style CNN whose widths are read from its
/// weights file, so a wider network ships as a new file, not new code.
/// <code>
/// 28x28 ─conv K1xK1 (C1) ReLU─ max2 ─conv K2xK2 (C2) ReLU─ max2 ─dense HIDDEN ReLU─ dense 10 ─ softmax
/// </code>
/// <see cref="Classic"/> (16, 5, 32, 3, 128; 108,874 parameters) is the shape of the first weights files
/// (ATDIGNN1), trained by tools/Athar.DigitTrainer. The loops are <see cref="ConvolutionKernels"/>' (im2col,
/// SIMD on any width the CPU offers, no allocation). The trainer reuses this pass and the activations it leaves
/// in <see cref="Workspace"/>.
/// </summary>
public sealed record DigitNetwork : IDigitNetwork
{
    public const int Side = 28;
    public const int Classes = 10;

    /// <summary>The shape of every ATDIGNN1 weights file.</summary>
    public static DigitNetwork Classic { get; } = new(16, 5, 32, 3, 128);

    public DigitNetwork(int c1, int k1, int c2, int k2, int hidden)
    {
        if (c1 is < 1 or > 256 || c2 is < 1 or > 256 || hidden is < 1 or > 4096 || k1 is < 1 or > 9 || k2 is < 1 or > 9)
            throw new ArgumentException($"unsupported digit network shape {c1},{k1},{c2},{k2},{hidden}");
        C1 = c1; K1 = k1; C2 = c2; K2 = k2; Hidden = hidden;
        S1 = Side - K1 + 1; P1 = S1 / 2;
        S2 = P1 - K2 + 1; P2 = S2 / 2;
        if (P2 < 1) throw new ArgumentException($"kernels {k1} and {k2} leave nothing of a {Side}x{Side} digit");
        Flat = C2 * P2 * P2;
        Patch1 = K1 * K1;
        Patch2 = C1 * K2 * K2;
        W1 = 0;
        B1 = W1 + C1 * Patch1;
        W2 = B1 + C1;
        B2 = W2 + C2 * Patch2;
        W3 = B2 + C2;
        B3 = W3 + Hidden * Flat;
        W4 = B3 + Hidden;
        B4 = W4 + Classes * Hidden;
        ParameterCount = B4 + Classes;
    }

    public int C1 { get; }
    public int K1 { get; }
    public int C2 { get; }
    public int K2 { get; }
    public int Hidden { get; }

    /// <summary>Side of the first convolution's output and of its pooling.</summary>
    public int S1 { get; }
    public int P1 { get; }
    public int S2 { get; }
    public int P2 { get; }
    public int Flat { get; }
    public int Patch1 { get; }
    public int Patch2 { get; }

    // Offsets of each tensor in the one flat parameter array (PyTorch's order: kernels [out][in][ky][kx],
    // then biases; dense rows over the [channel][y][x] flattening).
    public int W1 { get; }
    public int B1 { get; }
    public int W2 { get; }
    public int B2 { get; }
    public int W3 { get; }
    public int B3 { get; }
    public int W4 { get; }
    public int B4 { get; }
    public int ParameterCount { get; }

    public override string ToString() => $"{C1},{K1},{C2},{K2},{Hidden}";

    /// <summary>Throws unless <paramref name="parameters"/> holds exactly this shape's <see cref="ParameterCount"/> values.</summary>
    public void RequireParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount)
            throw new ArgumentException($"{parameters.Length} parameters given; a network of shape {this} has {ParameterCount}", nameof(parameters));
    }

    public DigitWorkspace CreateWorkspace() => new Workspace(this);

    void IDigitNetwork.Forward(ReadOnlySpan<float> parameters, DigitWorkspace workspace) =>
        Forward(parameters, workspace as Workspace ?? throw new ArgumentException("a workspace of another kind of network", nameof(workspace)));

    /// <summary>Buffers for one forward pass (and the activations a backward pass needs). One per thread.</summary>
    public sealed class Workspace(DigitNetwork n) : DigitWorkspace
    {
        public DigitNetwork Network { get; } = n;
        public float[] Col1T { get; } = new float[n.Patch1 * n.S1 * n.S1];  // im2col of the input, transposed: [patch][position]
        public float[] Conv1 { get; } = new float[n.C1 * n.S1 * n.S1];      // after ReLU, [channel][y][x]
        public float[] Pool1 { get; } = new float[n.C1 * n.P1 * n.P1];
        public int[] Pool1Arg { get; } = new int[n.C1 * n.P1 * n.P1];        // index in Conv1 of each max
        public float[] Col2 { get; } = new float[n.S2 * n.S2 * n.Patch2];
        public float[] Conv2 { get; } = new float[n.C2 * n.S2 * n.S2];
        public float[] Pool2 { get; } = new float[n.Flat];
        public int[] Pool2Arg { get; } = new int[n.Flat];
        public float[] Hidden { get; } = new float[n.Hidden];              // after ReLU (and dropout when training)
        public float[] Logits { get; } = new float[Classes];
    }

    /// <summary>
    /// Runs the network on <see cref="Workspace.Input"/> (28x28, ink 0..1) and leaves the class
    /// probabilities in <see cref="Workspace.Probabilities"/>. <paramref name="dropoutMask"/>, when given
    /// (training only), scales each hidden unit.
    /// </summary>
    public void Forward(ReadOnlySpan<float> p, Workspace w, ReadOnlySpan<float> dropoutMask = default)
    {
        if (w.Network != this) throw new ArgumentException($"a workspace of shape {w.Network} given to a network of shape {this}", nameof(w));
        ConvolutionKernels.Im2ColTransposed(w.Input, Side, K1, w.Col1T);
        ConvolutionKernels.ConvolveByPositions(w.Col1T, p.Slice(W1, C1 * Patch1), p.Slice(B1, C1), C1, Patch1, S1 * S1, w.Conv1);
        ConvolutionKernels.MaxPool(w.Conv1, C1, S1, w.Pool1, w.Pool1Arg);
        ConvolutionKernels.Im2Col(w.Pool1, C1, P1, K2, w.Col2);
        ConvolutionKernels.Convolve(w.Col2, p.Slice(W2, C2 * Patch2), p.Slice(B2, C2), C2, Patch2, S2 * S2, w.Conv2);
        ConvolutionKernels.MaxPool(w.Conv2, C2, S2, w.Pool2, w.Pool2Arg);
        ConvolutionKernels.Dense(p.Slice(W3, Hidden * Flat), p.Slice(B3, Hidden), w.Pool2, w.Hidden, relu: true);
        if (!dropoutMask.IsEmpty) TensorPrimitives.Multiply(w.Hidden, dropoutMask, w.Hidden);
        ConvolutionKernels.Dense(p.Slice(W4, Classes * Hidden), p.Slice(B4, Classes), w.Hidden, w.Logits, relu: false);
        TensorPrimitives.SoftMax(w.Logits, w.Probabilities);
    }
}
