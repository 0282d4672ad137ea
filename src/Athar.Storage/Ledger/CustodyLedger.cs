using System.Buffers.Binary;
using Athar.Core.Custody;

namespace Athar.Storage.Ledger;

/// <summary>
/// The append-only custody ledger: canonical JSON entries, one per line, each a leaf of an RFC 6962
/// Merkle tree. This file opens and recovers it; appends, reads and proofs live in the partial files
/// beside it. One writer at a time holds <see cref="LedgerFiles.Lock"/>; readers need no lock.
/// </summary>
public sealed partial class CustodyLedger : IDisposable
{
    private readonly LedgerFiles _files;
    private readonly FileStream _entries;
    private readonly FileStream _index;
    private readonly FileStream? _writerLock;
    private readonly TimeProvider _time;
    private long _size;
    private long _endOffset;

    // A reader never writes the index, so complete entries it finds past the index's end (a writer's append between
    // its fsync of the entries and its index write, or a crash there) have their end offsets here, in order, from
    // entry _indexedOnOpen on. Without them ReadIndexEnd read past the index's end and got 0, so ReadAll from such an
    // entry started at the ledger's first byte (seen as "entry N carries sequence 0" under concurrent item views).
    private long _indexedOnOpen = long.MaxValue;
    private List<long>? _unindexedEnds;

    private CustodyLedger(LedgerFiles files, FileStream entries, FileStream index, FileStream? writerLock, TimeProvider time)
    {
        _files = files;
        _entries = entries;
        _index = index;
        _writerLock = writerLock;
        _time = time;
    }

    /// <summary>Number of entries (leaves).</summary>
    public long Size => _size;

    public LedgerFiles Files => _files;

    /// <summary>Byte length of the complete entries (a torn tail, if any, lies beyond it).</summary>
    public long EndOffset => _endOffset;

    public bool IsWritable => _writerLock is not null;

    /// <summary>A torn tail found on open; for a writer it has been quarantined and recorded.</summary>
    public TornTail? TornTail { get; private set; }

    /// <summary>Creates an empty ledger in a new folder.</summary>
    public static CustodyLedger Create(string directory, TimeProvider? time = null)
    {
        var files = new LedgerFiles(directory);
        Directory.CreateDirectory(files.Directory);
        Directory.CreateDirectory(files.Checkpoints);
        if (File.Exists(files.Entries)) throw new IOException($"{files.Entries}: a ledger already exists here");
        using (File.Create(files.Entries)) { }
        IO.Durability.SyncDirectory(files.Directory);
        return Open(directory, writable: true, time);
    }

    /// <summary>
    /// Opens the ledger. A writer takes the lock (refusing if another process writes) and recovers from a
    /// crash: unindexed complete entries are indexed, a torn tail is quarantined and recorded.
    /// </summary>
    public static CustodyLedger Open(string directory, bool writable, TimeProvider? time = null)
    {
        var files = new LedgerFiles(directory);
        if (!File.Exists(files.Entries)) throw new FileNotFoundException($"{files.Entries}: no custody ledger here", files.Entries);
        FileStream? writerLock = null;
        if (writable)
        {
            try
            {
                writerLock = new FileStream(files.Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                throw new IOException($"{files.Lock}: another athar process is writing to this archive ({e.Message})", e);
            }
        }
        var entries = new FileStream(files.Entries, FileMode.Open, writable ? FileAccess.ReadWrite : FileAccess.Read,
            FileShare.ReadWrite, bufferSize: 0);
        var index = new FileStream(files.Index, writable ? FileMode.OpenOrCreate : FileMode.OpenOrCreate,
            writable ? FileAccess.ReadWrite : FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        var ledger = new CustodyLedger(files, entries, index, writerLock, time ?? TimeProvider.System);
        try
        {
            ledger.Recover();
        }
        catch
        {
            ledger.Dispose();
            throw;
        }
        return ledger;
    }

    private void Recover()
    {
        var fileLength = _entries.Length;
        var indexed = _index.Length / sizeof(long);
        // The index is derived and written after the entries are durable; trust it only up to the file's end.
        while (indexed > 0 && ReadIndexEnd(indexed - 1) > fileLength) indexed--;
        _size = indexed;
        _endOffset = indexed == 0 ? 0 : ReadIndexEnd(indexed - 1);
        if (IsWritable && _index.Length != indexed * sizeof(long)) _index.SetLength(indexed * sizeof(long));
        if (!IsWritable) _indexedOnOpen = indexed;

        // Entries written and synced before a crash that beat the index: index them now.
        var tail = ReadRange(_endOffset, fileLength - _endOffset);
        var position = 0;
        while (true)
        {
            var newline = Array.IndexOf(tail, (byte)'\n', position);
            if (newline < 0) break;
            var line = tail.AsSpan(position, newline - position);
            CustodyEntry entry;
            try
            {
                entry = CustodyEntry.Parse(line);
            }
            catch (FormatException e)
            {
                throw new LedgerCorruptException($"{_files.Entries}: entry {_size} at byte {_endOffset + position} is not a valid entry ({e.Message}); run 'athar ledger verify'");
            }
            if (entry.Sequence != _size)
                throw new LedgerCorruptException($"{_files.Entries}: entry at byte {_endOffset + position} has sequence {entry.Sequence}, expected {_size}; run 'athar ledger verify'");
            var end = _endOffset + newline + 1;
            if (IsWritable) AppendIndex(end);
            else (_unindexedEnds ??= []).Add(end);
            _size++;
            position = newline + 1;
        }
        _endOffset += position;
        SyncTreeWithEntries();
        if (_endOffset < fileLength) HandleTornTail(tail.AsSpan(position));
    }

    private void HandleTornTail(ReadOnlySpan<byte> torn)
    {
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(torn));
        if (!IsWritable)
        {
            TornTail = new TornTail(_endOffset, torn.Length, digest, null);
            return;
        }
        Directory.CreateDirectory(_files.Quarantine);
        var quarantine = Path.Combine(_files.Quarantine, $"torn-tail-at-{_endOffset}-{digest[..12]}.bin");
        IO.AtomicFile.WriteAllBytes(quarantine, torn);
        _entries.SetLength(_endOffset);
        _entries.Flush(flushToDisk: true);
        TornTail = new TornTail(_endOffset, torn.Length, digest, Path.GetFileName(quarantine));
        Append([new CustodyEvent(CustodyEventTypes.TornTailQuarantined, Actors.System,
            new System.Text.Json.Nodes.JsonObject { ["ledger"] = "entries.jsonl" },
            new System.Text.Json.Nodes.JsonObject
            {
                ["offset"] = TornTail.Offset,
                ["length"] = TornTail.Length,
                ["sha256"] = digest,
                ["quarantineFile"] = "quarantine/" + TornTail.QuarantineFile,
                ["explanation"] = "A crash interrupted an append; the incomplete bytes were moved to quarantine, never used.",
            })]);
    }

    private long ReadIndexEnd(long entry)
    {
        if (entry >= _indexedOnOpen && _unindexedEnds is not null) return _unindexedEnds[(int)(entry - _indexedOnOpen)];
        Span<byte> buffer = stackalloc byte[sizeof(long)];
        RandomAccess.Read(_index.SafeFileHandle, buffer, entry * sizeof(long));
        return BinaryPrimitives.ReadInt64LittleEndian(buffer);
    }

    private void AppendIndex(long endOffset)
    {
        Span<byte> buffer = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, endOffset);
        RandomAccess.Write(_index.SafeFileHandle, buffer, _size * sizeof(long));
    }

    private void AppendIndexRange(ReadOnlySpan<long> endOffsets)
    {
        var buffer = new byte[endOffsets.Length * sizeof(long)];
        for (var i = 0; i < endOffsets.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(i * sizeof(long)), endOffsets[i]);
        RandomAccess.Write(_index.SafeFileHandle, buffer, _size * sizeof(long));
    }

    private byte[] ReadRange(long offset, long length)
    {
        var buffer = new byte[length];
        var done = 0;
        while (done < length)
        {
            var read = RandomAccess.Read(_entries.SafeFileHandle, buffer.AsSpan(done), offset + done);
            if (read == 0) throw new IOException($"{_files.Entries}: unexpected end of file at byte {offset + done}");
            done += read;
        }
        return buffer;
    }

    public void Dispose()
    {
        DisposeTree();
        _entries.Dispose();
        _index.Dispose();
        _writerLock?.Dispose();
    }
}
