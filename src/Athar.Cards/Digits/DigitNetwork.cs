using System.Numerics;
using System.Numerics.Tensors;

namespace Athar.Cards.Digits;

/// <summary>
/// The digit recogniser's shape and its forward pass: a LeNet-style CNN whose widths are read from its
/// weights file, so a wider network ships as a new file, not new code.
/// <code>
/// 28x28 ─conv K1xK1 (C1) ReLU─ max2 ─conv K2xK2 (C2) ReLU─ max2 ─dense HIDDEN ReLU─ dense 10 ─ softmax
/// </code>
/// <see cref="Classic"/> (16, 5, 32, 3, 128; 108,874 parameters) is the shape of the first weights files
/// (ATDIGNN1), trained by tools/Athar.DigitTrainer. The convolutions work on im2col buffers with SIMD on any
/// width the CPU offers (<see cref="TensorPrimitives"/>, <see cref="Vector{T}"/>), the dense layers are rows of
/// dot products, and no loop allocates. The trainer reuses this pass and the activations it leaves in <see cref="Workspace"/>.
/// </summary>
public sealed record DigitNetwork
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

    /// <summary>Buffers for one forward pass (and the activations a backward pass needs). One per thread.</summary>
    public sealed class Workspace(DigitNetwork n)
    {
        public DigitNetwork Network { get; } = n;
        public float[] Input { get; } = new float[Side * Side];
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
        public float[] Probabilities { get; } = new float[Classes];
    }

    /// <summary>
    /// Runs the network on <see cref="Workspace.Input"/> (28x28, ink 0..1) and leaves the class
    /// probabilities in <see cref="Workspace.Probabilities"/>. <paramref name="dropoutMask"/>, when given
    /// (training only), scales each hidden unit.
    /// </summary>
    public void Forward(ReadOnlySpan<float> p, Workspace w, ReadOnlySpan<float> dropoutMask = default)
    {
        if (w.Network != this) throw new ArgumentException($"a workspace of shape {w.Network} given to a network of shape {this}", nameof(w));
        // The first layer's patches are short (9 or 25 values), so it runs along positions instead: one
        // multiply-add over all positions per kernel weight, rather than one tiny dot product per position.
        Im2ColTransposed(w.Input, Side, K1, w.Col1T);
        ConvolveByPositions(w.Col1T, p.Slice(W1, C1 * Patch1), p.Slice(B1, C1), C1, Patch1, S1 * S1, w.Conv1);
        MaxPool(w.Conv1, C1, S1, w.Pool1, w.Pool1Arg);
        Im2Col(w.Pool1, C1, P1, K2, w.Col2);
        Convolve(w.Col2, p.Slice(W2, C2 * Patch2), p.Slice(B2, C2), C2, Patch2, S2 * S2, w.Conv2);
        MaxPool(w.Conv2, C2, S2, w.Pool2, w.Pool2Arg);

        var weights3 = p.Slice(W3, Hidden * Flat);
        for (var h = 0; h < Hidden; h++)
        {
            var v = TensorPrimitives.Dot(weights3.Slice(h * Flat, Flat), w.Pool2) + p[B3 + h];
            w.Hidden[h] = v > 0 ? v : 0;
        }
        if (!dropoutMask.IsEmpty) TensorPrimitives.Multiply(w.Hidden, dropoutMask, w.Hidden);
        var weights4 = p.Slice(W4, Classes * Hidden);
        for (var c = 0; c < Classes; c++) w.Logits[c] = TensorPrimitives.Dot(weights4.Slice(c * Hidden, Hidden), w.Hidden) + p[B4 + c];
        TensorPrimitives.SoftMax(w.Logits, w.Probabilities);
    }

    /// <summary>Copies each k x k patch (all channels) of a [channels][side][side] map into one row of <paramref name="col"/>.</summary>
    public static void Im2Col(ReadOnlySpan<float> map, int channels, int side, int k, Span<float> col)
    {
        var outSide = side - k + 1;
        var patch = channels * k * k;
        for (var y = 0; y < outSide; y++)
        {
            for (var x = 0; x < outSide; x++)
            {
                var row = col.Slice((y * outSide + x) * patch, patch);
                var i = 0;
                for (var c = 0; c < channels; c++)
                {
                    for (var ky = 0; ky < k; ky++)
                    {
                        map.Slice(c * side * side + (y + ky) * side + x, k).CopyTo(row.Slice(i, k));
                        i += k;
                    }
                }
            }
        }
    }

    /// <summary>Like <see cref="Im2Col"/> for a one-channel map, transposed: row k of <paramref name="colT"/> holds patch element k at every position.</summary>
    private static void Im2ColTransposed(ReadOnlySpan<float> map, int side, int k, Span<float> colT)
    {
        var outSide = side - k + 1;
        var positions = outSide * outSide;
        for (var ky = 0; ky < k; ky++)
            for (var kx = 0; kx < k; kx++)
            {
                var row = colT.Slice((ky * k + kx) * positions, positions);
                for (var y = 0; y < outSide; y++) map.Slice((y + ky) * side + kx, outSide).CopyTo(row.Slice(y * outSide, outSide));
            }
    }

    /// <summary>out[c] = ReLU(bias[c] + sum over k of weights[c][k] * colT[k]), each term a SIMD multiply-add over all positions.</summary>
    private static void ConvolveByPositions(ReadOnlySpan<float> colT, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int channels, int patch, int positions, Span<float> output)
    {
        for (var c = 0; c < channels; c++)
        {
            var target = output.Slice(c * positions, positions);
            target.Fill(bias[c]);
            for (var k = 0; k < patch; k++) TensorPrimitives.MultiplyAdd(colT.Slice(k * positions, positions), weights[c * patch + k], target, target);
            TensorPrimitives.Max(target, 0f, target);
        }
    }

    /// <summary>
    /// out[c][pos] = ReLU(dot(weights[c], col[pos]) + bias[c]), four kernels at a time: each patch vector is
    /// loaded once for four products, and four accumulators keep the multiply-adds independent.
    /// </summary>
    private static void Convolve(ReadOnlySpan<float> col, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int channels, int patch, int positions, Span<float> output)
    {
        var c = 0;
        for (; c + 4 <= channels; c += 4)
        {
            var k0 = weights.Slice(c * patch, patch);
            var k1 = weights.Slice((c + 1) * patch, patch);
            var k2 = weights.Slice((c + 2) * patch, patch);
            var k3 = weights.Slice((c + 3) * patch, patch);
            for (var pos = 0; pos < positions; pos++)
            {
                var (s0, s1, s2, s3) = Dot4(col.Slice(pos * patch, patch), k0, k1, k2, k3);
                output[c * positions + pos] = Relu(s0 + bias[c]);
                output[(c + 1) * positions + pos] = Relu(s1 + bias[c + 1]);
                output[(c + 2) * positions + pos] = Relu(s2 + bias[c + 2]);
                output[(c + 3) * positions + pos] = Relu(s3 + bias[c + 3]);
            }
        }
        for (; c < channels; c++)
        {
            var kernel = weights.Slice(c * patch, patch);
            for (var pos = 0; pos < positions; pos++)
                output[c * positions + pos] = Relu(TensorPrimitives.Dot(kernel, col.Slice(pos * patch, patch)) + bias[c]);
        }
    }

    private static float Relu(float v) => v > 0 ? v : 0;

    private static (float, float, float, float) Dot4(ReadOnlySpan<float> x, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, ReadOnlySpan<float> d)
    {
        Vector<float> va = default, vb = default, vc = default, vd = default;
        var width = Vector<float>.Count;
        var i = 0;
        for (; i + width <= x.Length; i += width)
        {
            var v = new Vector<float>(x.Slice(i, width));
            va = Vector.FusedMultiplyAdd(new Vector<float>(a.Slice(i, width)), v, va);
            vb = Vector.FusedMultiplyAdd(new Vector<float>(b.Slice(i, width)), v, vb);
            vc = Vector.FusedMultiplyAdd(new Vector<float>(c.Slice(i, width)), v, vc);
            vd = Vector.FusedMultiplyAdd(new Vector<float>(d.Slice(i, width)), v, vd);
        }
        float sa = Vector.Sum(va), sb = Vector.Sum(vb), sc = Vector.Sum(vc), sd = Vector.Sum(vd);
        for (; i < x.Length; i++)
        {
            sa += a[i] * x[i];
            sb += b[i] * x[i];
            sc += c[i] * x[i];
            sd += d[i] * x[i];
        }
        return (sa, sb, sc, sd);
    }

    private static void MaxPool(ReadOnlySpan<float> map, int channels, int side, Span<float> output, Span<int> argMax)
    {
        var half = side / 2;
        for (var c = 0; c < channels; c++)
        {
            var baseIndex = c * side * side;
            for (var y = 0; y < half; y++)
            {
                for (var x = 0; x < half; x++)
                {
                    var best = baseIndex + 2 * y * side + 2 * x;
                    var i1 = best + 1;
                    var i2 = best + side;
                    var i3 = i2 + 1;
                    if (map[i1] > map[best]) best = i1;
                    if (map[i2] > map[best]) best = i2;
                    if (map[i3] > map[best]) best = i3;
                    var o = c * half * half + y * half + x;
                    output[o] = map[best];
                    argMax[o] = best;
                }
            }
        }
    }
}
