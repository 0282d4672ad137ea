using System.Numerics;
using System.Runtime.Intrinsics.X86;
using Athar.Forensics.Pdq;

namespace Athar.Forensics.HashIndex;

/// <summary>
/// Exact radius search over PDQ hashes by multi-index hashing (Norouzi, Punjani and Fleet, "Fast exact
/// search in Hamming space with multi-index hashing", 2014; the PDQ reference's index/mih.h uses the same
/// 16 slots of 16 bits, described in facebook/ThreatExchange pdq/README-MIH.md).
/// <para>
/// Exactness: split 256 bits into 16 segments of 16. If distance(h, q) ≤ r, the 16 segment distances add
/// up to at most r, so at least one of them is ≤ p = floor(r / 16) (else the sum would be ≥ 16 (p + 1) &gt; r).
/// A query therefore probes, in each segment, every value within p bits of the query's segment value
/// (1 value for p = 0, 17 for p = 1, 137 for p = 2, 697 for p = 3) and verifies each candidate on the
/// full 256 bits with POPCNT. Every hash within r is a candidate of some probe and every reported hash
/// was verified, so the answer is exactly the linear scan's. A hash close in several segments is reported
/// only from the first segment that could have found it, so nothing is reported twice and no set is needed.
/// Radii of 64 or more fall back to a linear scan (the reference's limit is the same).
/// </para>
/// <para>
/// Layout, for n hashes: the hashes (32 n bytes), the ids when given (8 n), and per segment a bucket
/// table of 65,537 offsets and n positions sorted by segment value (a counting sort), 64 n bytes for the
/// 16 segments: no dictionaries, no per-bucket objects. Immutable once built; safe for concurrent queries.
/// </para>
/// </summary>
public sealed class PdqHashIndex
{
    /// <summary>Radii up to this are answered through the index; larger ones by a linear scan.</summary>
    public const int MaxIndexedRadius = 16 * (MaxSegmentRadius + 1) - 1;

    private const int MaxSegmentRadius = 3;
    private const int Segments = PdqHash.SegmentCount;
    private const int Buckets = 1 << 16;
    private const int PrefetchDistance = 8;

    /// <summary>All 16-bit masks of popcount ≤ 3, by popcount; the first ProbeCounts[p] have popcount ≤ p.</summary>
    private static readonly ushort[] s_masks = BuildMasks();
    private static readonly int[] s_probeCounts = [1, 17, 137, 697];

    private readonly PdqHash[] _hashes;
    private readonly long[]? _ids;
    private readonly int[] _offsets;   // Segments x (Buckets + 1)
    private readonly int[] _positions; // Segments x Count

    private PdqHashIndex(PdqHash[] hashes, long[]? ids, int[] offsets, int[] positions)
    {
        _hashes = hashes;
        _ids = ids;
        _offsets = offsets;
        _positions = positions;
    }

    /// <summary>Number of stored hashes.</summary>
    public int Count => _hashes.Length;

    /// <summary>Bytes held by the index's arrays.</summary>
    public long MemoryBytes => 32L * _hashes.Length + 8L * (_ids?.Length ?? 0) + 4L * _offsets.Length + 4L * _positions.Length;

    /// <summary>The stored hashes in insertion order (position i has id ids[i], or i).</summary>
    public ReadOnlySpan<PdqHash> Hashes => _hashes;

    /// <summary>
    /// Builds an index over <paramref name="hashes"/> (copied). <paramref name="ids"/> is empty (each hash's
    /// id is its position) or one id per hash. Requires at most 134,217,727 hashes (16 positions each must
    /// fit one array).
    /// </summary>
    public static PdqHashIndex Build(ReadOnlySpan<PdqHash> hashes, ReadOnlySpan<long> ids = default)
    {
        if (!ids.IsEmpty && ids.Length != hashes.Length) throw new ArgumentException($"{ids.Length} ids for {hashes.Length} hashes", nameof(ids));
        if (hashes.Length > Array.MaxLength / Segments) throw new ArgumentOutOfRangeException(nameof(hashes), hashes.Length, $"at most {Array.MaxLength / Segments} hashes");
        var n = hashes.Length;
        var stored = GC.AllocateUninitializedArray<PdqHash>(n, pinned: true);
        hashes.CopyTo(stored);
        var offsets = new int[Segments * (Buckets + 1)];
        var positions = GC.AllocateUninitializedArray<int>(Segments * n);
        Parallel.For(0, Segments, s =>
        {
            var bucketStart = offsets.AsSpan(s * (Buckets + 1), Buckets + 1);
            foreach (var hash in stored) bucketStart[hash.Segment(s) + 1]++;
            for (var v = 0; v < Buckets; v++) bucketStart[v + 1] += bucketStart[v];
            var next = bucketStart[..Buckets].ToArray();
            var segmentPositions = positions.AsSpan(s * n, n);
            for (var i = 0; i < n; i++) segmentPositions[next[stored[i].Segment(s)]++] = i;
        });
        return new PdqHashIndex(stored, ids.IsEmpty ? null : ids.ToArray(), offsets, positions);
    }

    /// <summary>Every stored hash within <paramref name="radius"/> of <paramref name="query"/>, by ascending id.</summary>
    public List<PdqMatch> Query(PdqHash query, int radius)
    {
        var results = new List<PdqMatch>();
        Query(query, radius, results);
        return results;
    }

    /// <summary>
    /// Appends every stored hash within <paramref name="radius"/> (0..256) of <paramref name="query"/> to
    /// <paramref name="results"/>, by ascending id, and returns how many: exactly the set a linear scan finds.
    /// </summary>
    public int Query(PdqHash query, int radius, List<PdqMatch> results)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var before = results.Count;
        if (radius > MaxIndexedRadius)
        {
            LinearScan.Query(_hashes, _ids, query, radius, results);
            return results.Count - before;
        }
        var segmentRadius = radius / Segments;
        var masks = s_masks.AsSpan(0, s_probeCounts[segmentRadius]);
        for (var s = 0; s < Segments; s++)
        {
            var value = query.Segment(s);
            foreach (var mask in masks)
            {
                var bucket = s * (Buckets + 1) + (value ^ mask);
                Verify(_positions.AsSpan(s * Count + _offsets[bucket], _offsets[bucket + 1] - _offsets[bucket]), query, radius, s, segmentRadius, results);
            }
        }
        var found = results.Count - before;
        if (found > 1) results.Sort(before, found, MatchById.Instance);
        return found;
    }

    private unsafe void Verify(ReadOnlySpan<int> candidates, PdqHash query, int radius, int segment, int segmentRadius, List<PdqMatch> results)
    {
        fixed (PdqHash* hashes = _hashes)
        {
            // The candidates lie all over the hash array: prefetch a few ahead so the cache misses overlap.
            if (Sse.IsSupported)
            {
                for (var i = 0; i < Math.Min(PrefetchDistance, candidates.Length); i++) Sse.Prefetch0(hashes + candidates[i]);
            }
            for (var i = 0; i < candidates.Length; i++)
            {
                if (Sse.IsSupported && i + PrefetchDistance < candidates.Length) Sse.Prefetch0(hashes + candidates[i + PrefetchDistance]);
                var position = candidates[i];
                var hash = hashes[position];
                var distance = hash.DistanceTo(query);
                if (distance <= radius && FirstSegmentWithin(hash, query, segmentRadius) == segment)
                {
                    results.Add(new PdqMatch(_ids is null ? position : _ids[position], hash, distance));
                }
            }
        }
    }

    /// <summary>The first segment in which the two hashes differ by at most <paramref name="segmentRadius"/> bits, or -1.</summary>
    private static int FirstSegmentWithin(PdqHash a, PdqHash b, int segmentRadius)
    {
        for (var s = 0; s < Segments; s++)
        {
            if (BitOperations.PopCount((uint)(a.Segment(s) ^ b.Segment(s))) <= segmentRadius) return s;
        }
        return -1;
    }

    private static ushort[] BuildMasks()
    {
        var masks = new List<ushort>(697);
        for (var bits = 0; bits <= MaxSegmentRadius; bits++)
        {
            for (var m = 0; m < Buckets; m++)
            {
                if (BitOperations.PopCount((uint)m) == bits) masks.Add((ushort)m);
            }
        }
        return [.. masks];
    }

    private sealed class MatchById : IComparer<PdqMatch>
    {
        public static readonly MatchById Instance = new();

        public int Compare(PdqMatch x, PdqMatch y) => x.Id.CompareTo(y.Id);
    }
}
