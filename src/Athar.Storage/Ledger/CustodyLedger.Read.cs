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
        foreach (var (line, complete) in EntryLines.Read(stream, limit - start))
        {
            if (!complete) break; // bytes past the last complete entry are a torn tail, never an entry
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
}
