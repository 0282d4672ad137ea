using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Athar.Forensics.Pdq;

namespace Athar.Forensics.HashIndex;

/// <summary>
/// Exact radius search over PDQ hashes by multi-index hashing (Norouzi, Punjani and Fleet, "Fast exact
/// search in Hamming space with multi-index hashing", 2014; the PDQ reference's index/mih.h uses the same
/// 16 slots of 16 bits, described in facebook/ThreatExchange pdq/README-MIH.md).
/// <para>
/// Exactness, for radius r ≤ 63. Split 256 bits into 16 segments of 16, paired into 8 blocks of 32 (segments
/// 2b and 2b + 1). If distance(h, q) ≤ r, the 8 block distances add up to at most r, so some block is within
/// P = floor(r / 8) (else the sum would be ≥ 8 (P + 1) &gt; r); inside that block the two segment distances
/// add up to at most P, so one of them, s, is within p = floor(P / 2) = floor(r / 16). A query therefore
/// probes, in each segment s, every value within p bits of the query's (1 value for p = 0, 17 for p = 1, 137
/// for p = 2, 697 for p = 3); each stored hash in a probed bucket carries its partner segment (s xor 1), and
/// only those with d_s + d_partner ≤ P go on to the full 256-bit POPCNT check. Every hash within r passes
/// the probe and the filter of its block's closer segment, and every reported hash was checked on all 256
/// bits, so the answer is exactly the linear scan's. A hash that passes in several segments is reported only
/// from the first of them, so nothing is reported twice and no set is needed. Radii of 64 or more fall back
/// to a linear scan (the reference's limit is the same).
/// </para>
/// <para>
/// Why the partner: at radius 31 over 10 million random hashes a query probes 272 buckets holding about
/// 41,000 hashes. Checking each against the full hash costs a cache miss in a 320 MB array; the partner
/// filter, read sequentially with SIMD from the bucket itself, lets about 1 in 400 through.
/// </para>
/// <para>
/// Layout, for n hashes: the hashes (32 n bytes), the ids when given (8 n), and per segment a bucket table
/// of 65,537 offsets, n positions sorted by segment value (a counting sort) and their n partner segments:
/// 96 n bytes for the 16 segments; no dictionaries, no per-bucket objects. Immutable once built; safe for
/// concurrent queries.
/// </para>
/// </summary>
public sealed class PdqHashIndex
{
    /// <summary>Radii up to this are answered through the index; larger ones by a linear scan.</summary>
    public const int MaxIndexedRadius = 16 * (MaxSegmentRadius + 1) - 1;

    private const int MaxSegmentRadius = 3;
    private const int Segments = PdqHash.SegmentCount;
    private const int Buckets = 1 << 16;

    /// <summary>All 16-bit masks of popcount ≤ 3, by popcount; the first ProbeCounts[p] have popcount ≤ p.</summary>
    private static readonly ushort[] s_masks = BuildMasks();
    private static readonly int[] s_probeCounts = [1, 17, 137, 697];

    private readonly PdqHash[] _hashes;
    private readonly long[]? _ids;
    private readonly int[] _offsets;   // Segments x (Buckets + 1)
    private readonly int[] _positions; // Segments x Count
    private readonly ushort[] _partners; // Segments x Count: segment (s ^ 1) of the hash at the same place in _positions

    private PdqHashIndex(PdqHash[] hashes, long[]? ids, int[] offsets, int[] positions, ushort[] partners)
    {
        _hashes = hashes;
        _ids = ids;
        _offsets = offsets;
        _positions = positions;
        _partners = partners;
    }

    /// <summary>Number of stored hashes.</summary>
    public int Count => _hashes.Length;

    /// <summary>Bytes held by the index's arrays.</summary>
    public long MemoryBytes => 32L * _hashes.Length + 8L * (_ids?.Length ?? 0) + 4L * _offsets.Length + 4L * _positions.Length + 2L * _partners.Length;

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
        var stored = GC.AllocateUninitializedArray<PdqHash>(hashes.Length, pinned: true);
        HugePages.Advise(stored);
        hashes.CopyTo(stored);
        return BuildOver(stored, ids.IsEmpty ? null : ids.ToArray());
    }

    /// <summary>
    /// Builds an index that keeps <paramref name="hashes"/> itself instead of a copy (a 10-million-hash bank
    /// then costs 320 MB less); ids are positions. The caller must never change the array afterwards. Best
    /// allocated pinned (GC.AllocateUninitializedArray with pinned: true), as the huge-page hint needs a fixed address.
    /// </summary>
    public static PdqHashIndex Adopt(PdqHash[] hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Length > Array.MaxLength / Segments) throw new ArgumentOutOfRangeException(nameof(hashes), hashes.Length, $"at most {Array.MaxLength / Segments} hashes");
        return BuildOver(hashes, null);
    }

    private static PdqHashIndex BuildOver(PdqHash[] stored, long[]? ids)
    {
        var n = stored.Length;
        var positions = GC.AllocateUninitializedArray<int>(Segments * n, pinned: true);
        var partners = GC.AllocateUninitializedArray<ushort>(Segments * n, pinned: true);
        HugePages.Advise(positions);
        HugePages.Advise(partners);
        var offsets = new int[Segments * (Buckets + 1)];
        Parallel.For(0, Segments, s =>
        {
            var bucketStart = offsets.AsSpan(s * (Buckets + 1), Buckets + 1);
            foreach (var hash in stored) bucketStart[hash.Segment(s) + 1]++;
            for (var v = 0; v < Buckets; v++) bucketStart[v + 1] += bucketStart[v];
            var next = bucketStart[..Buckets].ToArray();
            var segmentPositions = positions.AsSpan(s * n, n);
            var segmentPartners = partners.AsSpan(s * n, n);
            for (var i = 0; i < n; i++)
            {
                var slot = next[stored[i].Segment(s)]++;
                segmentPositions[slot] = i;
                segmentPartners[slot] = stored[i].Segment(s ^ 1);
            }
        });
        return new PdqHashIndex(stored, ids, offsets, positions, partners);
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
        var blockRadius = radius / (Segments / 2);
        var masks = s_masks.AsSpan(0, s_probeCounts[segmentRadius]);
        // Find every probed bucket first and prefetch its start, so that the cache misses of the
        // (scattered) buckets overlap instead of coming one after another during the scans.
        var probes = masks.Length * Segments;
        Span<int> starts = probes <= 512 ? stackalloc int[probes] : new int[probes];
        Span<int> lengths = probes <= 512 ? stackalloc int[probes] : new int[probes];
        for (var s = 0; s < Segments; s++)
        {
            var value = query.Segment(s);
            for (var m = 0; m < masks.Length; m++)
            {
                var bucket = s * (Buckets + 1) + (value ^ masks[m]);
                var p = s * masks.Length + m;
                starts[p] = s * Count + _offsets[bucket];
                lengths[p] = _offsets[bucket + 1] - _offsets[bucket];
                Prefetch(_partners, starts[p], lengths[p]);
            }
        }
        // The partner filter lets about 100 of 41,000 hashes through at radius 31 over 10 million. Each survivor
        // needs its position and then its hash, two cache misses in arrays of 640 and 320 MB; checking them as
        // they are found makes those misses wait on one another. So survivors are collected first, then their
        // positions and hashes are prefetched a batch at a time, and only then checked.
        var candidates = t_candidates ??= new List<long>(256);
        candidates.Clear();
        for (var s = 0; s < Segments; s++)
        {
            var partner = query.Segment(s ^ 1);
            for (var m = 0; m < masks.Length; m++)
            {
                var p = s * masks.Length + m;
                if (lengths[p] == 0) continue;
                ScanBucket(starts[p], lengths[p], partner, blockRadius - BitOperations.PopCount(masks[m]), s, candidates);
            }
        }
        CheckCandidates(CollectionsMarshal.AsSpan(candidates), query, radius, results);
        var found = results.Count - before;
        if (found > 1) results.Sort(before, found, MatchById.Instance);
        return found;
    }

    /// <summary>Asks for every cache line of array[index .. index + length) (x86 only; elsewhere a no-op).</summary>
    private static unsafe void Prefetch(ushort[] array, int index, int length)
    {
        if (!Sse.IsSupported || length <= 0 || (uint)index >= (uint)array.Length) return;
        fixed (ushort* start = &array[index])
        {
            // 32 partners per 64-byte line; the last line is included.
            for (var offset = 0; offset < length + 31; offset += 32) Sse.Prefetch0(start + Math.Min(offset, length - 1));
        }
    }

    /// <summary>
    /// Filters one bucket on the partner segment (SIMD, sequential) and adds the survivors to
    /// <paramref name="candidates"/> as (segment &lt;&lt; 32) | slot, for <see cref="CheckCandidates"/>.
    /// </summary>
    private void ScanBucket(int start, int length, ushort queryPartner, int partnerLimit, int segment, List<long> candidates)
    {
        var partners = _partners.AsSpan(start, length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && partners.Length >= Vector<ushort>.Count)
        {
            var q = new Vector<ushort>(queryPartner);
            var limit = new Vector<ushort>((ushort)partnerLimit);
            for (; i <= partners.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                var bits = PopCount(new Vector<ushort>(partners.Slice(i, Vector<ushort>.Count)) ^ q);
                if (!Vector.LessThanOrEqualAny(bits, limit)) continue;
                for (var k = 0; k < Vector<ushort>.Count; k++)
                {
                    if (bits[k] <= partnerLimit) candidates.Add(((long)segment << 32) | (uint)(start + i + k));
                }
            }
        }
        for (; i < partners.Length; i++)
        {
            if (BitOperations.PopCount((uint)(partners[i] ^ queryPartner)) <= partnerLimit) candidates.Add(((long)segment << 32) | (uint)(start + i));
        }
    }

    /// <summary>Bits set in each 16-bit lane (the classic SWAR count: pairs, nibbles, bytes, then the two bytes).</summary>
    private static Vector<ushort> PopCount(Vector<ushort> v)
    {
        v -= Vector.ShiftRightLogical(v, 1) & new Vector<ushort>(0x5555);
        v = (v & new Vector<ushort>(0x3333)) + (Vector.ShiftRightLogical(v, 2) & new Vector<ushort>(0x3333));
        v = (v + Vector.ShiftRightLogical(v, 4)) & new Vector<ushort>(0x0F0F);
        return (v + Vector.ShiftRightLogical(v, 8)) & new Vector<ushort>(0x001F);
    }

    /// <summary>Survivors per batch: enough misses in flight to overlap, few enough that prefetched lines stay in L1/L2.</summary>
    private const int CheckBatch = 32;

    [ThreadStatic]
    private static List<long>? t_candidates;

    /// <summary>
    /// Checks each candidate ((segment &lt;&lt; 32) | slot) on all 256 bits, reporting it only from the first segment
    /// that finds it. Works in batches: prefetch the batch's positions, read them and prefetch their hashes, then check.
    /// </summary>
    private unsafe void CheckCandidates(ReadOnlySpan<long> candidates, PdqHash query, int radius, List<PdqMatch> results)
    {
        Span<int> positions = stackalloc int[CheckBatch];
        for (var batchStart = 0; batchStart < candidates.Length; batchStart += CheckBatch)
        {
            var batch = candidates.Slice(batchStart, Math.Min(CheckBatch, candidates.Length - batchStart));
            if (Sse.IsSupported)
            {
                fixed (int* p = _positions)
                    foreach (var c in batch) Sse.Prefetch0(p + (int)c);
            }
            for (var k = 0; k < batch.Length; k++) positions[k] = _positions[(int)batch[k]];
            if (Sse.IsSupported)
            {
                fixed (PdqHash* h = _hashes)
                    for (var k = 0; k < batch.Length; k++) Sse.Prefetch0(h + positions[k]);
            }
            for (var k = 0; k < batch.Length; k++)
            {
                var position = positions[k];
                var hash = _hashes[position];
                var distance = hash.DistanceTo(query);
                if (distance <= radius && FirstFindingSegment(hash, query, radius) == (int)(batch[k] >> 32))
                {
                    results.Add(new PdqMatch(_ids is null ? position : _ids[position], hash, distance));
                }
            }
        }
    }

    /// <summary>
    /// The first segment whose probe and partner filter let <paramref name="a"/> through for query
    /// <paramref name="b"/>: d_s ≤ floor(r / 16) and d_s + d_partner ≤ floor(r / 8); -1 when none does.
    /// </summary>
    private static int FirstFindingSegment(PdqHash a, PdqHash b, int radius)
    {
        for (var s = 0; s < Segments; s++)
        {
            var own = BitOperations.PopCount((uint)(a.Segment(s) ^ b.Segment(s)));
            var partner = BitOperations.PopCount((uint)(a.Segment(s ^ 1) ^ b.Segment(s ^ 1)));
            if (own <= radius / Segments && own + partner <= radius / (Segments / 2)) return s;
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
