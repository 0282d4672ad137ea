using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Athar.Forensics.Pdq;

namespace Athar.Forensics.HashBanks;

/// <summary>
/// The stored form of a hash bank (banks/NAME.pdqbank), made for loading ten million hashes in about a second:
/// the hashes lie in one block that is read straight into a <see cref="PdqHash"/> array, and labels, needed only
/// for the few entries that match, are kept as bytes and decoded on demand.
/// <code>
/// offset   size   field
/// 0        8      "APDQBNK1"
/// 8        8      n, the number of hashes (int64, little-endian, as everything below)
/// 16       8      B, the length of the label block
/// 24       32 n   hashes: W0, W1, W2, W3 (bits 0..63 first), each uint64
/// 24+32n   8 n    label of hash i: offset of its entry in the label block, or -1 for none
/// 24+40n   B      label block: entries of uint16 byte length + UTF-8 text; equal labels share one entry
/// </code>
/// </summary>
public static class HashBankFile
{
    private static ReadOnlySpan<byte> Magic => "APDQBNK1"u8;
    private const int HeaderSize = 24;

    /// <summary>Longest label stored, in UTF-16 characters; longer ones are cut (and counted) at import.</summary>
    public const int MaxLabelLength = 1000;

    public static void Write(Stream stream, HashBankContent content)
    {
        EnsureLittleEndian();
        Span<byte> header = stackalloc byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], content.Count);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], content.LabelBlock.Length);
        stream.Write(header);
        stream.Write(MemoryMarshal.AsBytes(content.Hashes.AsSpan(0, content.Count)));
        stream.Write(MemoryMarshal.AsBytes(content.LabelOffsets.AsSpan(0, content.Count)));
        stream.Write(content.LabelBlock);
    }

    /// <summary>Reads a bank written by <see cref="Write"/>. Throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static HashBank Read(Stream stream, string name)
    {
        EnsureLittleEndian();
        Span<byte> header = stackalloc byte[HeaderSize];
        try
        {
            stream.ReadExactly(header);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"bank {name}: file shorter than its header");
        }
        if (!header[..8].SequenceEqual(Magic)) throw new InvalidDataException($"bank {name}: not an Athar PDQ bank (bad magic)");
        var count = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        var blockLength = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
        if (count < 0 || count > Array.MaxLength / 16 || blockLength < 0 || blockLength > Array.MaxLength)
            throw new InvalidDataException($"bank {name}: impossible sizes ({count} hashes, {blockLength} label bytes)");
        if (stream.CanSeek && stream.Length != HeaderSize + 40 * count + blockLength)
            throw new InvalidDataException($"bank {name}: {stream.Length} bytes, but its header says {HeaderSize + 40 * count + blockLength}");
        // Pinned, so that PdqHashIndex.Adopt can index this very array with its huge-page hint.
        var hashes = GC.AllocateUninitializedArray<PdqHash>((int)count, pinned: true);
        HashIndex.HugePages.Advise(hashes); // before the pages are first written, or the hint comes too late
        var offsets = GC.AllocateUninitializedArray<long>((int)count);
        var block = GC.AllocateUninitializedArray<byte>((int)blockLength);
        try
        {
            stream.ReadExactly(MemoryMarshal.AsBytes(hashes.AsSpan()));
            stream.ReadExactly(MemoryMarshal.AsBytes(offsets.AsSpan()));
            stream.ReadExactly(block);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"bank {name}: file is truncated");
        }
        return new HashBank(name, hashes, offsets, block);
    }

    /// <summary>The entry at <paramref name="offset"/> of a label block; null for -1 or an entry out of bounds.</summary>
    internal static string? Label(ReadOnlySpan<byte> block, long offset)
    {
        if (offset < 0 || offset > block.Length - 2) return null;
        var length = BinaryPrimitives.ReadUInt16LittleEndian(block[(int)offset..]);
        if (offset + 2 + length > block.Length) return null;
        return Encoding.UTF8.GetString(block.Slice((int)offset + 2, length));
    }

    // PdqHash's words and the offsets are copied as memory: the file is little-endian, as every machine .NET runs on today.
    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("hash banks are stored little-endian");
    }
}

/// <summary>A bank's content ready to write: the first <paramref name="Count"/> hashes, each one's label offset, and the label block.</summary>
public sealed record HashBankContent(PdqHash[] Hashes, long[] LabelOffsets, byte[] LabelBlock, int Count);

/// <summary>A loaded bank: its hashes in file order, and their labels on demand.</summary>
public sealed class HashBank(string name, PdqHash[] hashes, long[] labelOffsets, byte[] labelBlock)
{
    public string Name { get; } = name;
    public PdqHash[] Hashes { get; } = hashes;
    public int Count => Hashes.Length;

    /// <summary>The label of entry <paramref name="index"/>, or null when it has none.</summary>
    public string? Label(int index) => HashBankFile.Label(labelBlock, labelOffsets[index]);
}
