using System.Numerics.Tensors;

namespace Athar.Cards.Digits;

/// <summary>
/// The digit recogniser's shape and its forward pass: a LeNet-sized CNN, small enough to train on two
/// cores in minutes and to run in about 0.1 ms per digit.
/// <code>
/// 28x28 ─conv5x5 (16) ReLU─ 24x24x16 ─max2─ 12x12x16 ─conv3x3 (32) ReLU─ 10x10x32 ─max2─ 5x5x32
///       ─dense 800→128 ReLU─ dense 128→10 ─ softmax
/// </code>
/// Every layer is a row of dot products over an im2col buffer, so the work goes through
/// <see cref="TensorPrimitives"/> (SIMD on any width the CPU offers) and no loop allocates. The trainer
/// (tools/Athar.DigitTrainer) reuses this pass and the activations it leaves in <see cref="Workspace"/>.
/// </summary>
public static class DigitNetwork
{
    public const int Side = 28;
    public const int Classes = 10;

    public const int C1 = 16, K1 = 5, S1 = Side - K1 + 1, P1 = S1 / 2;      // 24, 12
    public const int C2 = 32, K2 = 3, S2 = P1 - K2 + 1, P2 = S2 / 2;        // 10, 5
    public const int Flat = C2 * P2 * P2;                                  // 800
    public const int Hidden = 128;

    public const int Patch1 = K1 * K1;          // 25
    public const int Patch2 = C1 * K2 * K2;     // 144

    // Offsets of each tensor in the one flat parameter array.
    public const int W1 = 0;
    public const int B1 = W1 + C1 * Patch1;
    public const int W2 = B1 + C1;
    public const int B2 = W2 + C2 * Patch2;
    public const int W3 = B2 + C2;
    public const int B3 = W3 + Hidden * Flat;
    public const int W4 = B3 + Hidden;
    public const int B4 = W4 + Classes * Hidden;
    public const int ParameterCount = B4 + Classes;

    /// <summary>Buffers for one forward pass (and the activations a backward pass needs). One per thread.</summary>
    public sealed class Workspace
    {
        public float[] Input { get; } = new float[Side * Side];
        public float[] Col1 { get; } = new float[S1 * S1 * Patch1];   // im2col of the input, [position][patch]
        public float[] Conv1 { get; } = new float[C1 * S1 * S1];      // after ReLU, [channel][y][x]
        public float[] Pool1 { get; } = new float[C1 * P1 * P1];
        public int[] Pool1Arg { get; } = new int[C1 * P1 * P1];        // index in Conv1 of each max
        public float[] Col2 { get; } = new float[S2 * S2 * Patch2];
        public float[] Conv2 { get; } = new float[C2 * S2 * S2];
        public float[] Pool2 { get; } = new float[Flat];
        public int[] Pool2Arg { get; } = new int[Flat];
        public float[] Hidden { get; } = new float[DigitNetwork.Hidden]; // after ReLU (and dropout when training)
        public float[] Logits { get; } = new float[Classes];
        public float[] Probabilities { get; } = new float[Classes];
    }

    /// <summary>
    /// Runs the network on <see cref="Workspace.Input"/> (28x28, ink 0..1) and leaves the class
    /// probabilities in <see cref="Workspace.Probabilities"/>. <paramref name="dropoutMask"/>, when given
    /// (training only), scales each hidden unit.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> p, Workspace w, ReadOnlySpan<float> dropoutMask = default)
    {
        Im2Col(w.Input, 1, Side, K1, w.Col1);
        Convolve(w.Col1, p.Slice(W1, C1 * Patch1), p.Slice(B1, C1), C1, Patch1, S1 * S1, w.Conv1);
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

    /// <summary>out[c][pos] = ReLU(dot(weights[c], col[pos]) + bias[c]).</summary>
    private static void Convolve(ReadOnlySpan<float> col, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int channels, int patch, int positions, Span<float> output)
    {
        for (var c = 0; c < channels; c++)
        {
            var kernel = weights.Slice(c * patch, patch);
            var b = bias[c];
            var target = output.Slice(c * positions, positions);
            for (var pos = 0; pos < positions; pos++)
            {
                var v = TensorPrimitives.Dot(kernel, col.Slice(pos * patch, patch)) + b;
                target[pos] = v > 0 ? v : 0;
            }
        }
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
