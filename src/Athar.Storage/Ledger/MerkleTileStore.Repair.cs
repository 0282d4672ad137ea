using Athar.Core.Custody;

namespace Athar.Storage.Ledger;

public sealed partial class MerkleTileStore
{
    /// <summary>How many of the last hashes of each upper level Open recomputes and compares.</summary>
    /// <remarks>
    /// A crash can leave the tail of a file extended but not written (zeros on many file systems), or a
    /// hash written only in part. Those sit at the end, so checking the end is enough after a crash; a full
    /// audit is <see cref="VerifyUpperLevels"/>.
    /// </remarks>
    private const int TailCheck = 64;

    /// <summary>Parents recomputed per read when repairing a level.</summary>
    private const int RepairChunk = 4096;

    private void Reconcile()
    {
        var level0 = LevelHandle(0);
        var length0 = RandomAccess.GetLength(level0);
        _size = length0 / HashSize;
        if (length0 % HashSize != 0) RandomAccess.SetLength(level0, _size * HashSize);

        for (var level = 1; level < MaxLevels; level++)
        {
            var expected = _size >> level;
            if (expected == 0)
            {
                // Above the top: a file here is left over from a larger tree and must not be trusted later.
                if (File.Exists(LevelPath(level))) RandomAccess.SetLength(LevelHandle(level), 0);
                continue;
            }
            var handle = LevelHandle(level);
            var actual = RandomAccess.GetLength(handle) / HashSize;
            var keep = Math.Min(actual, expected);
            if (RandomAccess.GetLength(handle) != keep * HashSize) RandomAccess.SetLength(handle, keep * HashSize);
            RecomputeLevel(level, Math.Max(0, keep - TailCheck), expected);
        }
    }

    /// <summary>
    /// Recomputes the hashes [from, to) of <paramref name="level"/> from the level below and rewrites those that
    /// differ or are missing. Returns how many were rewritten. The level below must already be right.
    /// </summary>
    private long RecomputeLevel(int level, long from, long to)
    {
        var handle = LevelHandle(level);
        var below = LevelHandle(level - 1);
        var stored = RandomAccess.GetLength(handle) / HashSize;
        var children = new byte[2 * RepairChunk * HashSize];
        var current = new byte[RepairChunk * HashSize];
        Span<byte> computed = stackalloc byte[HashSize];
        long rewritten = 0;
        for (var start = from; start < to; start += RepairChunk)
        {
            var count = (int)Math.Min(RepairChunk, to - start);
            ReadExactly(below, children.AsSpan(0, 2 * count * HashSize), 2 * start * HashSize, level - 1);
            var present = (int)Math.Clamp(stored - start, 0, count);
            if (present > 0) ReadExactly(handle, current.AsSpan(0, present * HashSize), start * HashSize, level);
            for (var i = 0; i < count; i++)
            {
                var pair = children.AsSpan(2 * i * HashSize, 2 * HashSize);
                Rfc6962.HashChildren(pair[..HashSize], pair[HashSize..], computed);
                var slot = current.AsSpan(i * HashSize, HashSize);
                if (i < present && computed.SequenceEqual(slot)) continue;
                computed.CopyTo(slot);
                rewritten++;
            }
            RandomAccess.Write(handle, current.AsSpan(0, count * HashSize), start * HashSize);
        }
        return rewritten;
    }

    /// <summary>
    /// Recomputes every upper-level hash from level 0 and repairs any that differ; returns how many were
    /// wrong. O(n): an audit, not something to run on every open.
    /// </summary>
    public long VerifyUpperLevels()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long rewritten = 0;
        for (var level = 1; (_size >> level) > 0; level++)
            rewritten += RecomputeLevel(level, 0, _size >> level);
        return rewritten;
    }
}
