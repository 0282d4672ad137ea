using Athar.Forensics.Pdq;

namespace Athar.Forensics.Tests.Pdq;

/// <summary>
/// The reference's scalar loops, written out plainly (facebook/ThreatExchange pdq/cpp: boxAlongColsFloat in
/// downscaling.cpp, dct64To16 in pdqhashing.cpp): the truth the SIMD versions are compared with, bit for bit.
/// </summary>
internal static class ScalarReference
{
    public static void BoxAlongColumns(float[] input, float[] output, int rows, int cols, int window)
    {
        var column = new float[rows];
        var result = new float[rows];
        for (var j = 0; j < cols; j++)
        {
            for (var i = 0; i < rows; i++) column[i] = input[i * cols + j];
            JaroszFilter.Box1D(column, result, window);
            for (var i = 0; i < rows; i++) output[i * cols + j] = result[i];
        }
    }

    public static void Jarosz(float[] buffer1, float[] buffer2, int rows, int cols, int windowAlongRows, int windowAlongCols, int passes)
    {
        for (var p = 0; p < passes; p++)
        {
            for (var r = 0; r < rows; r++) JaroszFilter.Box1D(buffer1.AsSpan(r * cols, cols), buffer2.AsSpan(r * cols, cols), windowAlongRows);
            BoxAlongColumns(buffer2, buffer1, rows, cols, windowAlongCols);
        }
    }

    public static float[] Dct64To16(float[] a)
    {
        var d = PdqDct.Matrix;
        var t = new float[16 * 64];
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                var sum = 0.0f;
                for (var k = 0; k < 64; k++) sum += d[i * 64 + k] * a[k * 64 + j];
                t[i * 64 + j] = sum;
            }
        }
        var b = new float[256];
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 16; j++)
            {
                var sum = 0.0f;
                for (var k = 0; k < 64; k++) sum += t[i * 64 + k] * d[j * 64 + k];
                b[i * 16 + j] = sum;
            }
        }
        return b;
    }
}
