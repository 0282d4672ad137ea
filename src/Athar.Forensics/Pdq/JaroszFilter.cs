using System.Numerics;
using System.Runtime.InteropServices;

namespace Athar.Forensics.Pdq;

/// <summary>
/// PDQ's downsampling: a Jarosz filter (repeated box filters approximating a tent/Gaussian blur), then
/// decimation by sampling the centres of a 64x64 grid. Follows facebook/ThreatExchange
/// pdq/cpp/downscaling/downscaling.cpp: the window size, the four-phase running box sum whose window shrinks
/// at both edges, and the order of the float additions, so that the output equals the reference's bit for bit.
/// The vertical pass runs across SIMD lanes (one lane per column, each doing the scalar recurrence).
/// </summary>
internal static class JaroszFilter
{
    /// <summary>
    /// The box window along a dimension of <paramref name="oldDimension"/> samples reduced to
    /// <paramref name="newDimension"/>: ceil(old / (2 new)), half a target cell, since two passes follow
    /// (the reference's <c>computeJaroszFilterWindowSize</c>). Requires both ≥ 1.
    /// </summary>
    public static int WindowSize(int oldDimension, int newDimension) => (oldDimension + 2 * newDimension - 1) / (2 * newDimension);

    /// <summary>
    /// Blurs <paramref name="buffer1"/> (rows x cols, row-major) in place with <paramref name="passes"/>
    /// horizontal-then-vertical box passes; <paramref name="buffer2"/> is scratch of the same size.
    /// Requires each window ≤ the length of its dimension (true for <see cref="WindowSize"/>).
    /// </summary>
    public static void Filter(Span<float> buffer1, Span<float> buffer2, int rows, int cols, int windowAlongRows, int windowAlongCols, int passes)
    {
        for (var p = 0; p < passes; p++)
        {
            for (var r = 0; r < rows; r++) Box1D(buffer1.Slice(r * cols, cols), buffer2.Slice(r * cols, cols), windowAlongRows);
            BoxAlongColumns(buffer2, buffer1, rows, cols, windowAlongCols);
        }
    }

    /// <summary>
    /// Box filter of one vector. The window is centred (for an even window, one more sample on the right);
    /// near the ends it holds only the samples that exist, and the sum is divided by their number.
    /// </summary>
    internal static void Box1D(ReadOnlySpan<float> input, Span<float> output, int window)
    {
        var length = input.Length;
        var half = (window + 2) / 2; // 7 -> 4, 8 -> 5
        var phase1 = half - 1;
        var phase2 = window - half + 1;
        var phase3 = length - window;
        var phase4 = half - 1;
        int left = 0, right = 0, outIndex = 0, count = 0;
        var sum = 0.0f;

        for (var i = 0; i < phase1; i++)
        {
            sum += input[right++];
            count++;
        }
        for (var i = 0; i < phase2; i++)
        {
            sum += input[right++];
            count++;
            output[outIndex++] = sum / count;
        }
        for (var i = 0; i < phase3; i++)
        {
            sum += input[right++];
            sum -= input[left++];
            output[outIndex++] = sum / count;
        }
        for (var i = 0; i < phase4; i++)
        {
            sum -= input[left++];
            count--;
            output[outIndex++] = sum / count;
        }
    }

    /// <summary>The same box filter down every column at once, one row of running sums.</summary>
    private static void BoxAlongColumns(ReadOnlySpan<float> input, Span<float> output, int rows, int cols, int window)
    {
        var half = (window + 2) / 2;
        var phase1 = half - 1;
        var phase2 = window - half + 1;
        var phase3 = rows - window;
        var phase4 = half - 1;
        float[] rented = System.Buffers.ArrayPool<float>.Shared.Rent(cols);
        try
        {
            var sum = rented.AsSpan(0, cols);
            sum.Clear();
            int left = 0, right = 0, outRow = 0, count = 0;
            for (var i = 0; i < phase1; i++, count++) AddRow(sum, input.Slice(right++ * cols, cols));
            for (var i = 0; i < phase2; i++)
            {
                AddRow(sum, input.Slice(right++ * cols, cols));
                count++;
                DivideRow(sum, count, output.Slice(outRow++ * cols, cols));
            }
            for (var i = 0; i < phase3; i++)
            {
                AddRow(sum, input.Slice(right++ * cols, cols));
                SubtractRow(sum, input.Slice(left++ * cols, cols));
                DivideRow(sum, count, output.Slice(outRow++ * cols, cols));
            }
            for (var i = 0; i < phase4; i++)
            {
                SubtractRow(sum, input.Slice(left++ * cols, cols));
                count--;
                DivideRow(sum, count, output.Slice(outRow++ * cols, cols));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static void AddRow(Span<float> sum, ReadOnlySpan<float> row)
    {
        var s = MemoryMarshal.Cast<float, Vector<float>>(sum);
        var r = MemoryMarshal.Cast<float, Vector<float>>(row);
        for (var i = 0; i < s.Length; i++) s[i] += r[i];
        for (var i = s.Length * Vector<float>.Count; i < sum.Length; i++) sum[i] += row[i];
    }

    private static void SubtractRow(Span<float> sum, ReadOnlySpan<float> row)
    {
        var s = MemoryMarshal.Cast<float, Vector<float>>(sum);
        var r = MemoryMarshal.Cast<float, Vector<float>>(row);
        for (var i = 0; i < s.Length; i++) s[i] -= r[i];
        for (var i = s.Length * Vector<float>.Count; i < sum.Length; i++) sum[i] -= row[i];
    }

    private static void DivideRow(ReadOnlySpan<float> sum, int count, Span<float> output)
    {
        var s = MemoryMarshal.Cast<float, Vector<float>>(sum);
        var o = MemoryMarshal.Cast<float, Vector<float>>(output);
        var divisor = new Vector<float>(count);
        for (var i = 0; i < s.Length; i++) o[i] = s[i] / divisor;
        float scalarDivisor = count;
        for (var i = s.Length * Vector<float>.Count; i < sum.Length; i++) output[i] = sum[i] / scalarDivisor;
    }

    /// <summary>
    /// Samples the blurred image at the centres of a <paramref name="outRows"/> x <paramref name="outCols"/>
    /// grid: source row floor((i + 0.5) rows / outRows), computed in double as the reference does.
    /// </summary>
    public static void Decimate(ReadOnlySpan<float> input, int rows, int cols, Span<float> output, int outRows, int outCols)
    {
        for (var i = 0; i < outRows; i++)
        {
            var sourceRow = (int)((i + 0.5) * rows / outRows);
            var row = input.Slice(sourceRow * cols, cols);
            for (var j = 0; j < outCols; j++) output[i * outCols + j] = row[(int)((j + 0.5) * cols / outCols)];
        }
    }
}
