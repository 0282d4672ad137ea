using System.Buffers.Binary;
using System.Text;

namespace Athar.Imaging.Exif;

/// <summary>Collects the entries of one TIFF IFD; <see cref="ExifWriter"/> lays IFDs out and fixes offsets.</summary>
internal sealed class TiffIfdBuilder(bool bigEndian)
{
    internal readonly record struct Entry(ushort Tag, TiffType Type, uint Count, byte[] Value);

    private readonly List<Entry> _entries = [];

    public IReadOnlyList<Entry> Entries => _entries;

    public void Ascii(ushort tag, string? text)
    {
        if (text is null) return;
        var bytes = Encoding.ASCII.GetBytes(text + "\0");
        _entries.Add(new Entry(tag, TiffType.Ascii, (uint)bytes.Length, bytes));
    }

    public void Short(ushort tag, ushort value)
    {
        var bytes = new byte[2];
        if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(bytes, value); else BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        _entries.Add(new Entry(tag, TiffType.Short, 1, bytes));
    }

    public void Long(ushort tag, uint value)
    {
        var bytes = new byte[4];
        WriteUInt32(bytes, value);
        _entries.Add(new Entry(tag, TiffType.Long, 1, bytes));
    }

    public void Rational(ushort tag, Rational? value)
    {
        if (value is not { } r) return;
        var bytes = new byte[8];
        WriteUInt32(bytes, r.Numerator);
        WriteUInt32(bytes.AsSpan(4), r.Denominator);
        _entries.Add(new Entry(tag, TiffType.Rational, 1, bytes));
    }

    public void Undefined(ushort tag, byte[] value) => _entries.Add(new Entry(tag, TiffType.Undefined, (uint)value.Length, value));

    /// <summary>Bytes this IFD takes: count, entries, next-IFD offset, then out-of-line values (each padded to even length).</summary>
    public int Size => 2 + 12 * _entries.Count + 4 + _entries.Sum(e => e.Value.Length > 4 ? (e.Value.Length + 1) & ~1 : 0);

    /// <summary>Writes the IFD at <paramref name="offset"/> of <paramref name="tiff"/> (offsets count from the TIFF header).</summary>
    public void WriteTo(Span<byte> tiff, int offset, uint nextIfd)
    {
        var sorted = _entries.OrderBy(e => e.Tag).ToArray();
        WriteUInt16(tiff[offset..], (ushort)sorted.Length);
        var entry = offset + 2;
        var values = offset + 2 + 12 * sorted.Length + 4;
        foreach (var e in sorted)
        {
            WriteUInt16(tiff[entry..], e.Tag);
            WriteUInt16(tiff[(entry + 2)..], (ushort)e.Type);
            WriteUInt32(tiff[(entry + 4)..], e.Count);
            if (e.Value.Length <= 4)
            {
                tiff.Slice(entry + 8, 4).Clear();
                e.Value.CopyTo(tiff[(entry + 8)..]);
            }
            else
            {
                WriteUInt32(tiff[(entry + 8)..], (uint)values);
                e.Value.CopyTo(tiff[values..]);
                values += (e.Value.Length + 1) & ~1;
            }
            entry += 12;
        }
        WriteUInt32(tiff[entry..], nextIfd);
    }

    /// <summary>Replaces the value of a LONG entry added earlier (used for offsets known only at layout time).</summary>
    public void SetLong(ushort tag, uint value)
    {
        var index = _entries.FindIndex(e => e.Tag == tag);
        if (index < 0) throw new InvalidOperationException($"tag 0x{tag:X4} not present");
        var bytes = new byte[4];
        WriteUInt32(bytes, value);
        _entries[index] = _entries[index] with { Value = bytes };
    }

    private void WriteUInt16(Span<byte> target, ushort value)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(target, value); else BinaryPrimitives.WriteUInt16LittleEndian(target, value);
    }

    private void WriteUInt32(Span<byte> target, uint value)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(target, value); else BinaryPrimitives.WriteUInt32LittleEndian(target, value);
    }
}
