using System.Buffers.Binary;
using System.IO.Compression;

namespace Athar.Imaging.Digits;

/// <summary>
/// A set of 28x28 MNIST digits in the "ATMNIST1" format that scripts/mnist writes: the rendering half
/// (src/Athar.Synth/Resources/mnist-render.bin.gz, which is the card reader's held-out half) and the
/// training half (scripts/mnist/export-training.js). Format: "ATMNIST1", ten int32 counts, ten int32 first
/// package indices, then 784-byte samples (ink 0..255), digit by digit, optionally gzipped.
/// It lives here, beside neither of its readers, so that the card reader (Athar.Cards) and the synthetic
/// generator (Athar.Synth) share the format without either knowing the other.
/// </summary>
public sealed class MnistSet
{
    public const int Side = 28;
    public const int SampleBytes = Side * Side;

    private readonly byte[][] _samples;
    private readonly int[] _counts;
    private readonly int[] _firstIndex;

    private MnistSet(byte[][] samples, int[] counts, int[] firstIndex)
    {
        _samples = samples;
        _counts = counts;
        _firstIndex = firstIndex;
    }

    /// <summary>How many samples of <paramref name="digit"/> (0..9) there are.</summary>
    public int Count(int digit) => _counts[digit];

    public int Total => _counts.Sum();

    /// <summary>The npm package index of the first sample of <paramref name="digit"/> (records the split).</summary>
    public int FirstPackageIndex(int digit) => _firstIndex[digit];

    /// <summary>Sample <paramref name="index"/> of <paramref name="digit"/>: 784 bytes, row-major, ink 0..255.</summary>
    public ReadOnlySpan<byte> Sample(int digit, int index)
    {
        if ((uint)digit > 9) throw new ArgumentOutOfRangeException(nameof(digit));
        if ((uint)index >= (uint)_counts[digit]) throw new ArgumentOutOfRangeException(nameof(index), index, $"digit {digit} has {_counts[digit]} samples");
        return _samples[digit].AsSpan(index * SampleBytes, SampleBytes);
    }

    public static MnistSet Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file, path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads the format from <paramref name="stream"/>; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    public static MnistSet Load(Stream stream, bool gzipped)
    {
        using var memory = new MemoryStream();
        if (gzipped)
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            gzip.CopyTo(memory);
        }
        else
        {
            stream.CopyTo(memory);
        }
        var data = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        if (data.Length < 88 || !data[..8].SequenceEqual("ATMNIST1"u8)) throw new InvalidDataException("not an ATMNIST1 digit set");
        var counts = new int[10];
        var firsts = new int[10];
        for (var d = 0; d < 10; d++)
        {
            counts[d] = BinaryPrimitives.ReadInt32LittleEndian(data[(8 + 4 * d)..]);
            firsts[d] = BinaryPrimitives.ReadInt32LittleEndian(data[(48 + 4 * d)..]);
            if (counts[d] < 0 || counts[d] > 1_000_000) throw new InvalidDataException($"digit {d}: bad count {counts[d]}");
        }
        var samples = new byte[10][];
        var offset = 88;
        for (var d = 0; d < 10; d++)
        {
            var bytes = counts[d] * SampleBytes;
            if (offset + bytes > data.Length) throw new InvalidDataException($"digit {d} is cut short");
            samples[d] = data.Slice(offset, bytes).ToArray();
            offset += bytes;
        }
        return new MnistSet(samples, counts, firsts);
    }
}
