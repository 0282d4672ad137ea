using System.Buffers.Binary;
using System.IO.Compression;

namespace Athar.Cards.Digits;

/// <summary>
/// The committed weights file, Resources/digit-weights.bin.gz: "ATDIGNN1", int32 parameter count, then
/// each parameter as an IEEE half (little-endian), gzipped without a timestamp. Half precision halves the
/// file; the trainer measures held-out accuracy after this rounding, so the reported number is the
/// shipped model's.
/// </summary>
public static class DigitWeights
{
    private static ReadOnlySpan<byte> Magic => "ATDIGNN1"u8;

    public static void Save(ReadOnlySpan<float> parameters, Stream output)
    {
        var raw = new byte[12 + 2 * parameters.Length];
        Magic.CopyTo(raw);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(8), parameters.Length);
        for (var i = 0; i < parameters.Length; i++) BinaryPrimitives.WriteHalfLittleEndian(raw.AsSpan(12 + 2 * i), (Half)parameters[i]);
        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        gzip.Write(raw);
    }

    /// <summary>Reads a weights file; throws <see cref="InvalidDataException"/> unless it holds exactly <see cref="DigitNetwork.ParameterCount"/> values.</summary>
    public static float[] Load(Stream input)
    {
        using var gzip = new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        var data = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        if (data.Length < 12 || !data[..8].SequenceEqual(Magic)) throw new InvalidDataException("not an ATDIGNN1 weights file");
        var count = BinaryPrimitives.ReadInt32LittleEndian(data[8..]);
        if (count != DigitNetwork.ParameterCount || data.Length != 12 + 2 * count)
            throw new InvalidDataException($"weights hold {count} parameters in {data.Length} bytes; this network has {DigitNetwork.ParameterCount}");
        var parameters = new float[count];
        for (var i = 0; i < count; i++) parameters[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data.Slice(12 + 2 * i, 2));
        return parameters;
    }

    /// <summary>Rounds every value to half precision in place, as <see cref="Save"/> would store it.</summary>
    public static void RoundToHalf(Span<float> parameters)
    {
        for (var i = 0; i < parameters.Length; i++) parameters[i] = (float)(Half)parameters[i];
    }
}
