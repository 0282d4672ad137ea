using System.Numerics;

namespace Athar.Forensics.Pdq;

/// <summary>
/// The 2-D DCT from the 64x64 downsample to the 16x16 block of low frequencies 1..16 in each direction
/// (the DC term is left out), as <c>dct64To16</c> in facebook/ThreatExchange pdq/cpp/hashing/pdqhashing.cpp:
/// B = D A Dᵀ with D the 16x64 DCT-II matrix, D[i][j] = sqrt(2/64) cos(π/128 (i+1)(2j+1)).
/// <para>
/// Both products run across SIMD lanes (columns of A, then columns of B) while each lane adds its 64
/// products in the reference's order, one float accumulator from k = 0 to 63, so the result is bit for bit
/// the reference's scalar loop (the tests compare against a literal scalar version).
/// </para>
/// </summary>
internal static class PdqDct
{
    public const int N = 64;
    public const int K = 16;

    /// <summary>D, 16 rows of 64, row-major.</summary>
    private static readonly float[] s_matrix = BuildMatrix();

    /// <summary>Dᵀ, 64 rows of 16, row-major.</summary>
    private static readonly float[] s_transposed = Transpose(s_matrix);

    /// <summary>D as the reference builds it: a float scale times a double cosine, rounded to float.</summary>
    internal static ReadOnlySpan<float> Matrix => s_matrix;

    private static float[] BuildMatrix()
    {
        var scale = (float)Math.Sqrt(2.0 / N);
        var d = new float[K * N];
        for (var i = 0; i < K; i++)
        {
            for (var j = 0; j < N; j++)
            {
                // Same evaluation order as the reference: ((π / 2 / 64) * (i + 1)) * (2j + 1), in double.
                d[i * N + j] = (float)(scale * Math.Cos(Math.PI / 2.0 / N * (i + 1) * (2 * j + 1)));
            }
        }
        return d;
    }

    private static float[] Transpose(float[] d)
    {
        var t = new float[N * K];
        for (var i = 0; i < K; i++)
        {
            for (var j = 0; j < N; j++) t[j * K + i] = d[i * N + j];
        }
        return t;
    }

    /// <summary>
    /// B (16x16) = D A Dᵀ for A 64x64 row-major, using <paramref name="scratch"/> (16x64) for D A.
    /// Requires a.Length ≥ 4096, scratch.Length ≥ 1024, b.Length ≥ 256.
    /// </summary>
    public static void Dct64To16(ReadOnlySpan<float> a, Span<float> scratch, Span<float> b)
    {
        a = a[..(N * N)];
        var t = scratch[..(K * N)];
        b = b[..(K * K)];
        var width = Vector<float>.Count; // 4, 8 or 16: each divides 16 and 64
        ReadOnlySpan<float> d = s_matrix;
        ReadOnlySpan<float> dt = s_transposed;

        // T = D A: lane j of T[i] accumulates D[i][k] * A[k][j] for k = 0..63 in order.
        for (var i = 0; i < K; i++)
        {
            var dRow = d.Slice(i * N, N);
            for (var j = 0; j < N; j += width)
            {
                var sum = Vector<float>.Zero;
                for (var k = 0; k < N; k++) sum += new Vector<float>(dRow[k]) * new Vector<float>(a.Slice(k * N + j, width));
                sum.CopyTo(t.Slice(i * N + j, width));
            }
        }

        // B = T Dᵀ: lane j of B[i] accumulates T[i][k] * D[j][k] for k = 0..63 in order.
        for (var i = 0; i < K; i++)
        {
            var tRow = t.Slice(i * N, N);
            for (var j = 0; j < K; j += width)
            {
                var sum = Vector<float>.Zero;
                for (var k = 0; k < N; k++) sum += new Vector<float>(tRow[k]) * new Vector<float>(dt.Slice(k * K + j, width));
                sum.CopyTo(b.Slice(i * K + j, width));
            }
        }
    }
}
