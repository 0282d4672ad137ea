using System.Numerics;
using System.Numerics.Tensors;

namespace Athar.Cards.Digits;

/// <summary>
/// The loops both recogniser networks (<see cref="DigitNetwork"/>, <see cref="DeepDigitNetwork"/>) are made of:
/// im2col, convolution with bias and ReLU, 2x2 max pooling and dense rows. Maps are [channel][y][x]; kernels are
/// PyTorch's [out][in][ky][kx]. SIMD at whatever width the CPU has; nothing here allocates.
/// </summary>
public static class ConvolutionKernels
{
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
    public static void Im2ColTransposed(ReadOnlySpan<float> map, int side, int k, Span<float> colT)
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

    /// <summary>
    /// out[c] = ReLU(bias[c] + sum over k of weights[c][k] * colT[k]), each term a SIMD multiply-add over all
    /// positions. For a first layer, whose patches are short (9 or 25 values): one multiply-add over all positions
    /// per kernel weight, rather than one tiny dot product per position.
    /// </summary>
    public static void ConvolveByPositions(ReadOnlySpan<float> colT, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int channels, int patch, int positions, Span<float> output)
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
    public static void Convolve(ReadOnlySpan<float> col, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int channels, int patch, int positions, Span<float> output)
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

    /// <summary>2x2 max pooling of a [channels][side][side] map (an odd side drops its last row and column, as PyTorch does); <paramref name="argMax"/> gets the index in <paramref name="map"/> of each maximum.</summary>
    public static void MaxPool(ReadOnlySpan<float> map, int channels, int side, Span<float> output, Span<int> argMax)
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

    /// <summary>output[r] = dot(weights row r, input) + bias[r], clamped at 0 when <paramref name="relu"/>.</summary>
    public static void Dense(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, Span<float> output, bool relu)
    {
        for (var r = 0; r < output.Length; r++)
        {
            var v = TensorPrimitives.Dot(weights.Slice(r * input.Length, input.Length), input) + bias[r];
            output[r] = relu && v < 0 ? 0 : v;
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
}
