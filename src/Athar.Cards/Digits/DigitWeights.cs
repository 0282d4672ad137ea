using System.Buffers.Binary;
using System.IO.Compression;

namespace Athar.Cards.Digits;

/// <summary>
/// The committed weights file, Resources/digit-weights.bin.gz, gzipped without a timestamp:
/// "ATDIGNN2", the shape as five int32 (C1, K1, C2, K2, HIDDEN; see <see cref="DigitNetwork"/>), int32 parameter
/// count, then each parameter as an IEEE half (little-endian). The first files, "ATDIGNN1", had no shape:
/// int32 count, then the halves of a <see cref="DigitNetwork.Classic"/> network. Half precision halves the
/// file; the trainers measure held-out accuracy after this rounding, so the reported number is the shipped
/// model's. scripts/digits/train.py writes the same format.
/// </summary>
public static class DigitWeights
{
    private static ReadOnlySpan<byte> Magic1 => "ATDIGNN1"u8;
    private static ReadOnlySpan<byte> Magic2 => "ATDIGNN2"u8;
    private const int Header2 = 8 + 5 * 4 + 4;   // magic, shape, count

    public static void Save(DigitNetwork network, ReadOnlySpan<float> parameters, Stream output)
    {
        network.RequireParameters(parameters);
        var raw = new byte[Header2 + 2 * parameters.Length];
        Magic2.CopyTo(raw);
        int[] shape = [network.C1, network.K1, network.C2, network.K2, network.Hidden, parameters.Length];
        for (var i = 0; i < shape.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(8 + 4 * i), shape[i]);
        for (var i = 0; i < parameters.Length; i++) BinaryPrimitives.WriteHalfLittleEndian(raw.AsSpan(Header2 + 2 * i), (Half)parameters[i]);
        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        gzip.Write(raw);
    }

    /// <summary>Reads a weights file; throws <see cref="InvalidDataException"/> unless its values fit its shape exactly.</summary>
    public static (DigitNetwork Network, float[] Parameters) Load(Stream input)
    {
        using var gzip = new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        var data = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        DigitNetwork network;
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
        else throw new InvalidDataException("not an ATDIGNN1 or ATDIGNN2 weights file");
        var count = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
        offset += 4;
        if (count != network.ParameterCount || data.Length != offset + 2L * count)
            throw new InvalidDataException($"weights hold {count} parameters in {data.Length} bytes; a network of shape {network} has {network.ParameterCount}");
        var parameters = new float[count];
        for (var i = 0; i < count; i++) parameters[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data.Slice(offset + 2 * i, 2));
        return (network, parameters);
    }

    /// <summary>Rounds every value to half precision in place, as <see cref="Save"/> would store it.</summary>
    public static void RoundToHalf(Span<float> parameters)
    {
        for (var i = 0; i < parameters.Length; i++) parameters[i] = (float)(Half)parameters[i];
    }
}
