using System.Buffers;
using Athar.Core.Custody;

namespace Athar.Storage.Ledger;

public sealed partial class CustodyLedger
{
    /// <summary>
    /// Appends events as one durable write: every entry is on disk (fsync) before this returns, and the
    /// sequence numbers are consecutive. The index and tree, which are derived, follow.
    /// </summary>
    public IReadOnlyList<CustodyEntry> Append(IReadOnlyList<CustodyEvent> events)
    {
        if (!IsWritable) throw new InvalidOperationException("the ledger was opened read-only");
        if (events.Count == 0) return [];
        var now = _time.GetUtcNow();
        var appended = new CustodyEntry[events.Count];
        var buffer = new ArrayBufferWriter<byte>(events.Count * 512);
        var ends = new long[events.Count];
        var leafStarts = new int[events.Count];
        var offset = _endOffset;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var entry = new CustodyEntry(_size + i, now, e.Actor, e.Type, e.Subject, e.Details);
            leafStarts[i] = buffer.WrittenCount;
            entry.WriteCanonical(buffer);
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
            ends[i] = offset + buffer.WrittenCount;
            appended[i] = entry;
        }
        RandomAccess.Write(_entries.SafeFileHandle, buffer.WrittenSpan, _endOffset);
        _entries.Flush(flushToDisk: true);

        var written = buffer.WrittenSpan;
        var leafHashes = new byte[events.Count * Rfc6962.HashSize];
        AppendIndexRange(ends);
        for (var i = 0; i < events.Count; i++)
        {
            var leafLength = (int)(ends[i] - offset - leafStarts[i]) - 1;
            Rfc6962.HashLeaf(written.Slice(leafStarts[i], leafLength), leafHashes.AsSpan(i * Rfc6962.HashSize, Rfc6962.HashSize));
        }
        Tree.AppendRange(leafHashes);
        _size += events.Count;
        _endOffset = offset + buffer.WrittenCount;
        FlushTree();
        return appended;
    }

    public CustodyEntry Append(CustodyEvent custodyEvent) => Append([custodyEvent])[0];
}
