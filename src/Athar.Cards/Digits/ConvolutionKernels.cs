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
    /// out[c][pos] = ReLU(dot(weights[c], col[pos]) + bias[c]), four kernels against two patches at a time: each
    /// step loads two patch vectors and four kernel vectors for eight multiply-adds into eight independent
    /// accumulators (one kernel against one patch loaded five vectors for four). Every output's sum is taken in
    /// the same order as one dot product alone, so the blocking changes no result.
    /// </summary>
    public static void Convolve(ReadOnlySpan<float> col, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int channels, int patch, int positions, Span<float> output)
    {
        var c = 0;
        for (; c + 4 <= channels; c += 4)
        {
            var kernels = weights.Slice(c * patch, 4 * patch);
            var pos = 0;
            for (; pos + 2 <= positions; pos += 2)
            {
                Dot4x2(col.Slice(pos * patch, 2 * patch), kernels, patch, out var sums);
                for (var k = 0; k < 4; k++)
                {
                    output[(c + k) * positions + pos] = Relu(sums[k] + bias[c + k]);
                    output[(c + k) * positions + pos + 1] = Relu(sums[4 + k] + bias[c + k]);
                }
            }
            for (; pos < positions; pos++)
                for (var k = 0; k < 4; k++)
                    output[(c + k) * positions + pos] = Relu(Dot(kernels.Slice(k * patch, patch), col.Slice(pos * patch, patch)) + bias[c + k]);
        }
        for (; c < channels; c++)
        {
            var kernel = weights.Slice(c * patch, patch);
            for (var pos = 0; pos < positions; pos++)
                output[c * positions + pos] = Relu(Dot(kernel, col.Slice(pos * patch, patch)) + bias[c]);
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

    [System.Runtime.CompilerServices.InlineArray(8)]
    private struct Eight
    {
        private float _first;
    }

    /// <summary>Four kernels (rows of <paramref name="kernels"/>) against two patches (rows of <paramref name="patches"/>): sums[k] for the first patch, sums[4 + k] for the second.</summary>
    private static void Dot4x2(ReadOnlySpan<float> patches, ReadOnlySpan<float> kernels, int patch, out Eight sums)
    {
        var x0 = patches[..patch];
        var x1 = patches.Slice(patch, patch);
        var a = kernels[..patch];
        var b = kernels.Slice(patch, patch);
        var c = kernels.Slice(2 * patch, patch);
        var d = kernels.Slice(3 * patch, patch);
        Vector<float> a0 = default, b0 = default, c0 = default, d0 = default, a1 = default, b1 = default, c1 = default, d1 = default;
        var width = Vector<float>.Count;
        var i = 0;
        for (; i + width <= patch; i += width)
        {
            var v0 = new Vector<float>(x0.Slice(i, width));
            var v1 = new Vector<float>(x1.Slice(i, width));
            var k = new Vector<float>(a.Slice(i, width));
            a0 = Vector.FusedMultiplyAdd(k, v0, a0);
            a1 = Vector.FusedMultiplyAdd(k, v1, a1);
            k = new Vector<float>(b.Slice(i, width));
            b0 = Vector.FusedMultiplyAdd(k, v0, b0);
            b1 = Vector.FusedMultiplyAdd(k, v1, b1);
            k = new Vector<float>(c.Slice(i, width));
            c0 = Vector.FusedMultiplyAdd(k, v0, c0);
            c1 = Vector.FusedMultiplyAdd(k, v1, c1);
            k = new Vector<float>(d.Slice(i, width));
            d0 = Vector.FusedMultiplyAdd(k, v0, d0);
            d1 = Vector.FusedMultiplyAdd(k, v1, d1);
        }
        sums = default;
        sums[0] = Vector.Sum(a0); sums[1] = Vector.Sum(b0); sums[2] = Vector.Sum(c0); sums[3] = Vector.Sum(d0);
        sums[4] = Vector.Sum(a1); sums[5] = Vector.Sum(b1); sums[6] = Vector.Sum(c1); sums[7] = Vector.Sum(d1);
        for (; i < patch; i++)
        {
            sums[0] += a[i] * x0[i]; sums[1] += b[i] * x0[i]; sums[2] += c[i] * x0[i]; sums[3] += d[i] * x0[i];
            sums[4] += a[i] * x1[i]; sums[5] += b[i] * x1[i]; sums[6] += c[i] * x1[i]; sums[7] += d[i] * x1[i];
        }
    }

    /// <summary>One kernel against one patch, summed in the same order as <see cref="Dot4x2"/> sums each pair.</summary>
    private static float Dot(ReadOnlySpan<float> kernel, ReadOnlySpan<float> x)
    {
        Vector<float> acc = default;
        var width = Vector<float>.Count;
        var i = 0;
        for (; i + width <= x.Length; i += width)
            acc = Vector.FusedMultiplyAdd(new Vector<float>(kernel.Slice(i, width)), new Vector<float>(x.Slice(i, width)), acc);
        var sum = Vector.Sum(acc);
        for (; i < x.Length; i++) sum += kernel[i] * x[i];
        return sum;
    }
}
