using System.Buffers.Binary;
using System.IO.Compression;

namespace Athar.Cards.Digits;

/// <summary>
/// The committed weights files, Resources/digit-weights*.bin.gz, gzipped without a timestamp:
/// "ATDIGNN2", the shape as five int32 (C1, K1, C2, K2, HIDDEN; see <see cref="DigitNetwork"/>), int32 parameter
/// count, then each parameter as an IEEE half (little-endian). The first files, "ATDIGNN1", had no shape:
/// int32 count, then the halves of a <see cref="DigitNetwork.Classic"/> network. "ATDIGNN3" holds a
/// <see cref="DeepDigitNetwork"/>: int32 convolution count, per convolution int32 width, kernel (always 3) and
/// pool (0 or 1), int32 hidden width, int32 count, the halves. Half precision halves the file; the trainers
/// measure held-out accuracy after this rounding, so the reported number is the shipped model's.
/// scripts/digits/train.py writes the same format.
/// </summary>
public static class DigitWeights
{
    private static ReadOnlySpan<byte> Magic1 => "ATDIGNN1"u8;
    private static ReadOnlySpan<byte> Magic2 => "ATDIGNN2"u8;
    private static ReadOnlySpan<byte> Magic3 => "ATDIGNN3"u8;
    private const int Header2 = 8 + 5 * 4 + 4;   // magic, shape, count

    public static void Save(IDigitNetwork network, ReadOnlySpan<float> parameters, Stream output)
    {
        network.RequireParameters(parameters);
        var header = new List<int>();
        ReadOnlySpan<byte> magic;
        switch (network)
        {
            case DigitNetwork n:
                magic = Magic2;
                header.AddRange([n.C1, n.K1, n.C2, n.K2, n.Hidden]);
                break;
            case DeepDigitNetwork d:
                magic = Magic3;
                header.Add(d.Convolutions.Count);
                foreach (var (width, pool) in d.Convolutions) header.AddRange([width, DeepDigitNetwork.Kernel, pool ? 1 : 0]);
                header.Add(d.Hidden);
                break;
            default:
                throw new ArgumentException($"no weights format for a {network.GetType().Name}", nameof(network));
        }
        header.Add(parameters.Length);
        var start = 8 + 4 * header.Count;
        var raw = new byte[start + 2 * parameters.Length];
        magic.CopyTo(raw);
        for (var i = 0; i < header.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(8 + 4 * i), header[i]);
        for (var i = 0; i < parameters.Length; i++) BinaryPrimitives.WriteHalfLittleEndian(raw.AsSpan(start + 2 * i), (Half)parameters[i]);
        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        gzip.Write(raw);
    }

    /// <summary>Reads a weights file; throws <see cref="InvalidDataException"/> unless its values fit its shape exactly.</summary>
    public static (IDigitNetwork Network, float[] Parameters) Load(Stream input)
    {
        using var gzip = new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        var data = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        IDigitNetwork network;
        int offset;
        if (data.Length >= 12 && data[..8].SequenceEqual(Magic1))
        {
            network = DigitNetwork.Classic;
            offset = 8;
        }
        else if (data.Length >= Header2 && data[..8].SequenceEqual(Magic2))
        {
            Span<int> shape = stackalloc int[5];
            for (var i = 0; i < 5; i++) shape[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(8 + 4 * i)..]);
            try { network = new DigitNetwork(shape[0], shape[1], shape[2], shape[3], shape[4]); }
            catch (ArgumentException e) { throw new InvalidDataException(e.Message, e); }
            offset = Header2 - 4;
        }
        else if (data.Length >= 12 && data[..8].SequenceEqual(Magic3))
        {
            (network, offset) = ReadDeepShape(data);
        }
        else throw new InvalidDataException("not an ATDIGNN1, ATDIGNN2 or ATDIGNN3 weights file");
        var count = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
        offset += 4;
        if (count != network.ParameterCount || data.Length != offset + 2L * count)
            throw new InvalidDataException($"weights hold {count} parameters in {data.Length} bytes; a network of shape {network} has {network.ParameterCount}");
        var parameters = new float[count];
        for (var i = 0; i < count; i++) parameters[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data.Slice(offset + 2 * i, 2));
        return (network, parameters);
    }

    private static (DeepDigitNetwork Network, int CountOffset) ReadDeepShape(ReadOnlySpan<byte> data)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(data[8..]);
        if (count is < 1 or > 8 || data.Length < 12 + 12 * count + 8) throw new InvalidDataException($"an ATDIGNN3 file with {count} convolutions");
        var convolutions = new (int, bool)[count];
        for (var i = 0; i < count; i++)
        {
            var at = 12 + 12 * i;
            var kernel = BinaryPrimitives.ReadInt32LittleEndian(data[(at + 4)..]);
            var pool = BinaryPrimitives.ReadInt32LittleEndian(data[(at + 8)..]);
            if (kernel != DeepDigitNetwork.Kernel || pool is not (0 or 1)) throw new InvalidDataException($"convolution {i + 1}: kernel {kernel}, pool {pool}; only 3x3 kernels and pool 0 or 1 are read");
            convolutions[i] = (BinaryPrimitives.ReadInt32LittleEndian(data[at..]), pool == 1);
        }
        var hidden = BinaryPrimitives.ReadInt32LittleEndian(data[(12 + 12 * count)..]);
        try { return (new DeepDigitNetwork(convolutions, hidden), 12 + 12 * count + 4); }
        catch (ArgumentException e) { throw new InvalidDataException(e.Message, e); }
    }

    /// <summary>Rounds every value to half precision in place, as <see cref="Save"/> would store it.</summary>
    public static void RoundToHalf(Span<float> parameters)
    {
        for (var i = 0; i < parameters.Length; i++) parameters[i] = (float)(Half)parameters[i];
    }
}
