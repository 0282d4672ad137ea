using Athar.Core.Custody;

namespace Athar.Storage.Ledger;

public sealed partial class CustodyLedger
{
    /// <summary>The exact bytes of entry <paramref name="sequence"/> (its leaf), without the newline.</summary>
    public byte[] ReadRaw(long sequence)
    {
        if (sequence < 0 || sequence >= _size) throw new ArgumentOutOfRangeException(nameof(sequence), $"entry {sequence} is outside 0..{_size - 1}");
        var start = sequence == 0 ? 0 : ReadIndexEnd(sequence - 1);
        var end = ReadIndexEnd(sequence);
        return ReadRange(start, end - start - 1);
    }

    public CustodyEntry Read(long sequence) => CustodyEntry.Parse(ReadRaw(sequence));

    /// <summary>
    /// Streams entries from <paramref name="from"/> to the current size, reading the entries file itself
    /// (not the index), so a damaged index cannot hide or invent entries.
    /// </summary>
    public IEnumerable<(CustodyEntry Entry, byte[] Raw)> ReadAll(long from = 0)
    {
        var limit = _endOffset;
        var start = from == 0 ? 0 : ReadIndexEnd(from - 1);
        using var stream = new FileStream(_files.Entries, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        stream.Position = start;
        var expected = from;
        foreach (var line in ReadLines(stream, limit - start))
        {
            CustodyEntry entry;
            try
            {
                entry = CustodyEntry.Parse(line);
            }
            catch (FormatException e)
            {
                throw new LedgerCorruptException($"{_files.Entries}: entry {expected} is not a valid entry ({e.Message})");
            }
            if (entry.Sequence != expected)
                throw new LedgerCorruptException($"{_files.Entries}: entry {expected} carries sequence {entry.Sequence}");
            expected++;
            yield return (entry, line);
        }
    }

    private static IEnumerable<byte[]> ReadLines(Stream stream, long length)
    {
        var pending = new MemoryStream();
        var buffer = new byte[1 << 16];
        long consumed = 0;
        while (consumed < length)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, length - consumed));
            if (read == 0) break;
            consumed += read;
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n') continue;
                pending.Write(buffer, start, i - start);
                yield return pending.ToArray();
                pending.SetLength(0);
                start = i + 1;
            }
            pending.Write(buffer, start, read - start);
        }
    }
}
