using System.Buffers.Binary;

namespace Athar.Imaging.Jpeg.Structure;

/// <summary>
/// Bounds-checked reads over hostile bytes (STYLE habit 5). Every method checks offset and length against
/// the span, in 64-bit arithmetic so that no sum can wrap, and returns false instead of reading past the end.
/// </summary>
internal readonly ref struct JpegSpanReader
{
    private readonly ReadOnlySpan<byte> _data;

    public JpegSpanReader(ReadOnlySpan<byte> data) => _data = data;

    public int Length => _data.Length;

    public ReadOnlySpan<byte> Data => _data;

    /// <summary>True when [offset, offset + count) lies inside the data.</summary>
    public bool Has(long offset, long count) => offset >= 0 && count >= 0 && offset + count <= _data.Length;

    public bool TryByte(long offset, out byte value)
    {
        if (!Has(offset, 1)) { value = 0; return false; }
        value = _data[(int)offset];
        return true;
    }

    public bool TryUInt16(long offset, bool littleEndian, out ushort value)
    {
        if (!Has(offset, 2)) { value = 0; return false; }
        var s = _data.Slice((int)offset, 2);
        value = littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
        return true;
    }

    public bool TryUInt32(long offset, bool littleEndian, out uint value)
    {
        if (!Has(offset, 4)) { value = 0; return false; }
        var s = _data.Slice((int)offset, 4);
        value = littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        return true;
    }

    public bool TrySlice(long offset, long count, out ReadOnlySpan<byte> slice)
    {
        if (!Has(offset, count)) { slice = default; return false; }
        slice = _data.Slice((int)offset, (int)count);
        return true;
    }
}
