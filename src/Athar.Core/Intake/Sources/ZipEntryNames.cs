using System.Buffers.Binary;

namespace Athar.Core.Intake.Sources;

/// <summary>An entry name as the ZIP's central directory stores it: its bytes, and whether the entry says they are UTF-8.</summary>
public readonly record struct ZipRawName(byte[] Bytes, bool Utf8Flag);

/// <summary>
/// The entry names of a ZIP as bytes, read from its central directory (PKWARE APPNOTE 6.3, sections 4.3.12 to 4.3.16).
/// <para>
/// .NET decodes every name as UTF-8, also those written without the UTF-8 flag in a legacy code page (Windows-1256
/// on an Arabic Windows machine, the DOS code page of old archivers), and replaces what does not decode with U+FFFD:
/// the name the custodian's files had is then lost. ZIP does not record which code page a name is in, so Athar keeps
/// the bytes, as it does for file names on disk (<see cref="RawFileName"/>).
/// </para>
/// </summary>
public static class ZipEntryNames
{
    private const uint EndOfCentralDirectory = 0x06054b50;
    private const uint Zip64EndLocator = 0x07064b50;
    private const uint Zip64End = 0x06064b50;
    private const uint CentralHeader = 0x02014b50;
    private const int EndRecordSize = 22;
    private const int MaxCommentLength = 0xFFFF;

    /// <summary>
    /// The raw names of the central directory's entries, in its order (the order of <c>ZipArchive.Entries</c>); null
    /// when the directory cannot be read or, with <paramref name="expectedCount"/>, does not hold exactly that many
    /// entries, so that a caller falls back to the decoded names rather than pair a name with the wrong entry.
    /// </summary>
    public static IReadOnlyList<ZipRawName>? Read(Stream zip, int? expectedCount = null)
    {
        try
        {
            return TryRead(zip, expectedCount);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    private static List<ZipRawName>? TryRead(Stream zip, int? expectedCount)
    {
        var length = zip.Length;
        if (length < EndRecordSize) return null;
        var tailLength = (int)Math.Min(length, EndRecordSize + MaxCommentLength);
        var tail = new byte[tailLength];
        zip.Position = length - tailLength;
        zip.ReadExactly(tail);
        // The end record is the last occurrence of its signature (a comment may hold the same bytes earlier).
        var end = -1;
        for (var i = tailLength - EndRecordSize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfCentralDirectory) { end = i; break; }
        }
        if (end < 0) return null;
        long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
        if (count == 0xFFFF || offset == 0xFFFFFFFF)
        {
            // ZIP64: the locator sits just before the end record and points at the ZIP64 end record.
            // Without a locator, 0xFFFF entries is simply the count.
            var locator = length - tailLength + end - 20;
            var buffer = new byte[56];
            if (locator >= 0)
            {
                zip.Position = locator;
                zip.ReadExactly(buffer.AsSpan(0, 20));
            }
            if (locator >= 0 && BinaryPrimitives.ReadUInt32LittleEndian(buffer) == Zip64EndLocator)
            {
                zip.Position = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(8)));
                zip.ReadExactly(buffer);
                if (BinaryPrimitives.ReadUInt32LittleEndian(buffer) != Zip64End) return null;
                count = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32)));
                offset = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(48)));
            }
        }
        // Every central header takes at least 46 bytes: a count the file cannot hold is a lie, not an allocation.
        if ((expectedCount is { } expected && count != expected) || offset >= length || count > (length - offset) / 46) return null;

        var names = new List<ZipRawName>((int)count);
        var header = new byte[46];
        zip.Position = offset;
        for (var i = 0; i < count; i++)
        {
            zip.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != CentralHeader) return null;
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8));
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            var name = new byte[nameLength];
            zip.ReadExactly(name);
            zip.Position += extraLength + commentLength;
            names.Add(new ZipRawName(name, (flags & 0x0800) != 0)); // bit 11: the language encoding flag (UTF-8)
        }
        return names;
    }
}
