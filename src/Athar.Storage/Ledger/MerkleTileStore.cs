using System.Globalization;
using Athar.Core.Custody;
using Microsoft.Win32.SafeHandles;

namespace Athar.Storage.Ledger;

/// <summary>
/// The custody ledger's RFC 6962 Merkle tree, kept on disk so that roots and proofs for any size up to
/// <see cref="Size"/> are O(log n) reads and never a recomputation.
/// </summary>
/// <remarks>
/// <para>Layout: one file per level, <c>level-00.hashes</c>, <c>level-01.hashes</c>, ... Level k holds, in
/// order and with nothing else, the 32-byte hashes of the perfect subtrees of 2^k leaves: node i of level k
/// covers leaves [i * 2^k, (i + 1) * 2^k). Level 0 holds the leaf hashes. With n leaves, level k holds
/// exactly floor(n / 2^k) hashes, so every level is determined by level 0 and can be repaired from it.</para>
/// <para>Any subtree that RFC 6962's recursion visits (section 2.1) starts at a multiple of the power of two
/// at or above its size, so its hash is the right-to-left fold of the perfect pieces given by the binary
/// digits of its size: at most 64 stored hashes.</para>
/// <para>Single writer: one open store per folder (level 0 is held with an exclusive lock; a second Open
/// throws <see cref="IOException"/>). Reads use positional I/O and do not move any file position; concurrent
/// reads from several threads alongside a writing thread are not supported. After an exception from a write,
/// dispose the store and open it again, which repairs what the failed write left. Writes go straight to the OS (no user-space buffer), so a reader
/// in this process sees them at once; <see cref="Flush"/> with durable = true fsyncs them.</para>
/// </remarks>
public sealed partial class MerkleTileStore : IDisposable
{
    private const int HashSize = Rfc6962.HashSize;
    private const int MaxLevels = 63;

    /// <summary>AppendRange works in chunks of this many leaves, so its scratch memory stays bounded.</summary>
    private const int ChunkLeaves = 1 << 16;

    private readonly FileStream?[] _levels = new FileStream?[MaxLevels];
    private byte[] _scratchA = [];
    private byte[] _scratchB = [];
    private readonly byte[] _storedLeft = new byte[HashSize];
    private long _size;
    private bool _disposed;

    private MerkleTileStore(string directory) => Directory = directory;

    /// <summary>The folder that holds the level files.</summary>
    public string Directory { get; }

    /// <summary>The number of leaves stored.</summary>
    public long Size
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _size;
        }
    }

    /// <summary>
    /// Opens the store in <paramref name="directory"/>, creating it when missing, and repairs what a crash
    /// may have left: a partial hash at the end of any level is cut off, upper levels longer than level 0
    /// implies are truncated, missing upper hashes are recomputed, and the last hashes of every upper level are
    /// recomputed and rewritten if they differ. Level 0 itself is taken as it is (whole hashes only): whether
    /// it matches the ledger's entries is the ledger's check, and <see cref="TruncateTo"/> its remedy.
    /// </summary>
    public static MerkleTileStore Open(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var store = new MerkleTileStore(directory);
        try
        {
            store.Reconcile();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Appends one 32-byte leaf hash (RFC 6962 section 2.1: SHA-256(0x00 || entry)).</summary>
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != HashSize)
            throw new ArgumentException($"a leaf hash has {HashSize} bytes, got {leafHash.Length}", nameof(leafHash));
        AppendRange(leafHash);
    }

    /// <summary>
    /// Appends leaf hashes given back to back (a multiple of 32 bytes). Each level is written once per chunk
    /// of up to 65,536 leaves, which is the fast path for building or rebuilding a large tree.
    /// </summary>
    public void AppendRange(ReadOnlySpan<byte> concatenatedLeafHashes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (concatenatedLeafHashes.Length % HashSize != 0)
            throw new ArgumentException($"leaf hashes must be whole {HashSize}-byte hashes; got {concatenatedLeafHashes.Length} bytes", nameof(concatenatedLeafHashes));
        while (!concatenatedLeafHashes.IsEmpty)
        {
            var take = Math.Min(concatenatedLeafHashes.Length, ChunkLeaves * HashSize);
            AppendChunk(concatenatedLeafHashes[..take]);
            concatenatedLeafHashes = concatenatedLeafHashes[take..];
        }
    }

    private void AppendChunk(ReadOnlySpan<byte> leaves)
    {
        var parentBytes = (leaves.Length / HashSize + 1) / 2 * HashSize;
        if (_scratchA.Length < parentBytes)
        {
            _scratchA = new byte[parentBytes];
            _scratchB = new byte[parentBytes];
        }

        // Level 0 first, then each level up: the new nodes of level k pair up into new parents on level k+1.
        // Upper levels are written after the level below, so a crash leaves them short, never ahead.
        var oldSize = _size;
        ReadOnlySpan<byte> newNodes = leaves;
        var useA = true;
        for (var level = 0; !newNodes.IsEmpty; level++)
        {
            var oldCount = oldSize >> level;
            var handle = LevelHandle(level);
            RandomAccess.Write(handle, newNodes, oldCount * HashSize);

            var newCount = oldCount + newNodes.Length / HashSize;
            var firstParent = oldCount / 2;
            var parentCount = (int)(newCount / 2 - firstParent);
            if (parentCount == 0) break;

            var parents = (useA ? _scratchA : _scratchB).AsSpan(0, parentCount * HashSize);
            useA = !useA;
            for (var p = 0; p < parentCount; p++)
            {
                // Child indices relative to the first new node; -1 is the stored node before them (an odd
                // old count leaves one node waiting for its right sibling).
                var left = 2 * (firstParent + p) - oldCount;
                ReadOnlySpan<byte> leftHash;
                if (left < 0)
                {
                    ReadNode(level, oldCount - 1, _storedLeft);
                    leftHash = _storedLeft;
                }
                else
                {
                    leftHash = newNodes.Slice((int)left * HashSize, HashSize);
                }
                var right = newNodes.Slice((int)(left + 1) * HashSize, HashSize);
                Rfc6962.HashChildren(leftHash, right, parents.Slice(p * HashSize, HashSize));
            }
            newNodes = parents;
        }
        _size = oldSize + leaves.Length / HashSize;
    }

    /// <summary>
    /// Shrinks the tree to its first <paramref name="size"/> leaves. The ledger calls this when, after a crash,
    /// its entry file holds fewer entries than the store. Requires 0 &lt;= size &lt;= Size.
    /// </summary>
    public void TruncateTo(long size)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (size < 0 || size > _size)
            throw new ArgumentOutOfRangeException(nameof(size), $"cannot truncate a tree of {_size} leaves to {size}");
        // Level 0 first: if a crash interrupts, Open trims the upper levels to what level 0 implies.
        for (var level = 0; level < MaxLevels; level++)
        {
            var stream = _levels[level];
            if (stream is null) continue;
            RandomAccess.SetLength(stream.SafeFileHandle, (size >> level) * HashSize);
        }
        _size = size;
    }

    /// <summary>
    /// Makes the appended hashes durable. Writes already reach the OS as they happen; with
    /// <paramref name="durable"/> true every level file is fsynced. (The folder itself is not fsynced: a level
    /// file lost in a crash is rebuilt from level 0 by Open, and level 0 from the ledger's entries.)
    /// </summary>
    public void Flush(bool durable)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var stream in _levels)
        {
            if (stream is null) continue;
            stream.Flush(flushToDisk: durable);
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        for (var i = 0; i < _levels.Length; i++)
        {
            _levels[i]?.Dispose();
            _levels[i] = null;
        }
    }

    internal static string LevelFileName(int level) => $"level-{level.ToString("D2", CultureInfo.InvariantCulture)}.hashes";

    private string LevelPath(int level) => Path.Combine(Directory, LevelFileName(level));

    /// <summary>The handle of a level's file, opening (and creating) it on first use.</summary>
    private SafeFileHandle LevelHandle(int level)
    {
        var stream = _levels[level];
        if (stream is null)
        {
            // bufferSize 0: no FileStream buffer, so positional reads and writes on the handle are the truth.
            // Level 0 is opened unshared (an exclusive lock on Unix): it is the single-writer lock of the store,
            // so a second Open of the same folder, in this process or another, fails instead of corrupting it.
            var share = level == 0 ? FileShare.None : FileShare.Read;
            stream = new FileStream(LevelPath(level), FileMode.OpenOrCreate, FileAccess.ReadWrite, share, bufferSize: 0);
            _levels[level] = stream;
        }
        return stream.SafeFileHandle;
    }

    private void ReadNode(int level, long index, Span<byte> destination)
    {
        var handle = _levels[level]?.SafeFileHandle
            ?? throw new InvalidDataException($"level {level} of the Merkle tile store in {Directory} is missing");
        ReadExactly(handle, destination, index * HashSize, level);
    }

    private void ReadExactly(SafeFileHandle handle, Span<byte> destination, long offset, int level)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var n = RandomAccess.Read(handle, destination[done..], offset + done);
            if (n == 0)
                throw new InvalidDataException($"level {level} of the Merkle tile store in {Directory} ends before byte {offset + destination.Length}");
            done += n;
        }
    }
}
