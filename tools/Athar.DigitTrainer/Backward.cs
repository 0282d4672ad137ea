using System.Numerics.Tensors;
using Athar.Cards.Digits;

namespace Athar.DigitTrainer;

/// <summary>
/// Gradient of the cross-entropy loss for one sample, added into <paramref name="grad"/>, from the
/// activations that <see cref="DigitNetwork.Forward"/> left in the workspace. Zero gradients (units that
/// ReLU or max pooling switched off) are skipped, which is most of them.
/// </summary>
internal sealed class Backward(DigitNetwork n)
{
    private readonly float[] _dHidden = new float[n.Hidden];
    private readonly float[] _dPool2 = new float[n.Flat];
    private readonly float[] _dConv2 = new float[n.C2 * n.S2 * n.S2];
    private readonly float[] _dCol2 = new float[n.S2 * n.S2 * n.Patch2];
    private readonly float[] _dPool1 = new float[n.C1 * n.P1 * n.P1];
    private readonly float[] _dConv1 = new float[n.C1 * n.S1 * n.S1];
    private readonly float[] _col1 = new float[n.S1 * n.S1 * n.Patch1];   // the input's patches, [position][patch]

    public void Run(ReadOnlySpan<float> p, DigitNetwork.Workspace w, int label, ReadOnlySpan<float> dropoutMask, Span<float> grad)
    {
        const int Classes = DigitNetwork.Classes;
        int Hidden = n.Hidden, Flat = n.Flat, C1 = n.C1, C2 = n.C2, K2 = n.K2, S1 = n.S1, S2 = n.S2, P1 = n.P1;
        int Patch1 = n.Patch1, Patch2 = n.Patch2, W1 = n.W1, B1 = n.B1, W2 = n.W2, B2 = n.B2, W3 = n.W3, B3 = n.B3, W4 = n.W4, B4 = n.B4;
        // Softmax with cross-entropy: d logits = probabilities - one-hot.
        Span<float> dLogits = stackalloc float[Classes];
        w.Probabilities.CopyTo(dLogits);
        dLogits[label] -= 1f;

        Array.Clear(_dHidden);
        for (var c = 0; c < Classes; c++)
        {
            var d = dLogits[c];
            grad[B4 + c] += d;
            TensorPrimitives.MultiplyAdd(w.Hidden, d, grad.Slice(W4 + c * Hidden, Hidden), grad.Slice(W4 + c * Hidden, Hidden));
            TensorPrimitives.MultiplyAdd(p.Slice(W4 + c * Hidden, Hidden), d, _dHidden, _dHidden);
        }
        Array.Clear(_dPool2);
        for (var h = 0; h < Hidden; h++)
        {
            if (w.Hidden[h] <= 0) continue; // ReLU off, or dropped out
            var d = _dHidden[h] * dropoutMask[h];
            grad[B3 + h] += d;
            var row = grad.Slice(W3 + h * Flat, Flat);
            TensorPrimitives.MultiplyAdd(w.Pool2, d, row, row);
            TensorPrimitives.MultiplyAdd(p.Slice(W3 + h * Flat, Flat), d, _dPool2, _dPool2);
        }

        Array.Clear(_dConv2);
        for (var i = 0; i < Flat; i++)
        {
            var at = w.Pool2Arg[i];
            if (w.Conv2[at] > 0) _dConv2[at] = _dPool2[i];
        }
        Array.Clear(_dCol2);
        var positions2 = S2 * S2;
        for (var c = 0; c < C2; c++)
        {
            var kernel = p.Slice(W2 + c * Patch2, Patch2);
            var dKernel = grad.Slice(W2 + c * Patch2, Patch2);
            for (var pos = 0; pos < positions2; pos++)
            {
                var d = _dConv2[c * positions2 + pos];
                if (d == 0) continue;
                grad[B2 + c] += d;
                TensorPrimitives.MultiplyAdd(w.Col2.AsSpan(pos * Patch2, Patch2), d, dKernel, dKernel);
                var dCol = _dCol2.AsSpan(pos * Patch2, Patch2);
                TensorPrimitives.MultiplyAdd(kernel, d, dCol, dCol);
            }
        }
        // col2im: scatter patch gradients back onto the pooled map.
        Array.Clear(_dPool1);
        for (var y = 0; y < S2; y++)
            for (var x = 0; x < S2; x++)
            {
                var row = _dCol2.AsSpan((y * S2 + x) * Patch2, Patch2);
                var i = 0;
                for (var c = 0; c < C1; c++)
                    for (var ky = 0; ky < K2; ky++)
                        for (var kx = 0; kx < K2; kx++)
                            _dPool1[c * P1 * P1 + (y + ky) * P1 + x + kx] += row[i++];
            }

        Array.Clear(_dConv1);
        for (var i = 0; i < _dPool1.Length; i++)
        {
            var at = w.Pool1Arg[i];
            if (w.Conv1[at] > 0) _dConv1[at] = _dPool1[i];
        }
        var positions1 = S1 * S1;
        ConvolutionKernels.Im2Col(w.Input, 1, DigitNetwork.Side, n.K1, _col1);
        for (var c = 0; c < C1; c++)
        {
            var dKernel = grad.Slice(W1 + c * Patch1, Patch1);
            for (var pos = 0; pos < positions1; pos++)
            {
                var d = _dConv1[c * positions1 + pos];
                if (d == 0) continue;
                grad[B1 + c] += d;
                TensorPrimitives.MultiplyAdd(_col1.AsSpan(pos * Patch1, Patch1), d, dKernel, dKernel);
            }
        }
    }
}
