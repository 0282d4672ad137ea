using Athar.Forensics.HashIndex;
using Athar.Forensics.Pdq;

namespace Athar.Forensics.Duplicates;

/// <summary>
/// One item as near-duplicate grouping sees it: its PDQ hash and eight dihedral variants, the hash's quality,
/// and, when its EXIF names them, the camera (make, model, serial) and the exposure (DateTimeOriginal with
/// sub-seconds) it claims.
/// </summary>
public sealed record NearDuplicateCandidate(string ItemId, PdqHash Hash, PdqHash[] Dihedral, int Quality, string? Camera, string? Exposure)
{
    /// <summary>The stored frame's width in pixels (pdq v2), 0 when unknown.</summary>
    public int Width { get; init; }

    /// <summary>The stored frame's height in pixels (pdq v2), 0 when unknown.</summary>
    public int Height { get; init; }

    /// <summary>The 32x32 luma thumbnail (pdq v2, <see cref="CropMatch"/>), null when unknown.</summary>
    public byte[]? Thumbnail { get; init; }
}

/// <summary>A crop link: item <paramref name="Crop"/> (by index) fits <paramref name="Fit"/> inside item <paramref name="Original"/>.</summary>
public readonly record struct CropLink(int Crop, int Original, CropFit Fit);

/// <summary>A group of near-duplicates: members by index into the candidates, the representative first.</summary>
/// <param name="Distances">Each member's PDQ distance to the representative (over the dihedral variants).</param>
/// <param name="Transforms">Which variant of the representative the member matched best (the member looks like the representative turned that way).</param>
public sealed record NearDuplicateGroup(string Id, int[] Members, int[] Distances, PdqTransform[] Transforms)
{
    public int Representative => Members[0];
}

/// <summary>The groups, and how many merges the camera-exposure rule refused.</summary>
public sealed record NearDuplicateGrouping(IReadOnlyList<NearDuplicateGroup> Groups, int Edges, int RefusedMerges)
{
    /// <summary>The crop links that joined two groups, by the crop's index.</summary>
    public IReadOnlyDictionary<int, CropLink> Crops { get; init; } = new Dictionary<int, CropLink>();

    /// <summary>How many crop links were found (each crop's best original at or above <see cref="NearDuplicateClustering.CropCorrelation"/>).</summary>
    public int CropLinks { get; init; }
}

/// <summary>
/// Groups items whose PDQ hashes are within <see cref="Radius"/> over the dihedral variants (docs/analyzers.md,
/// "near-duplicates"). Candidate pairs come from a <see cref="PdqHashIndex"/> over the items' hashes, queried
/// with each item's eight variants, so the cost grows with the number of close pairs, not with n².
/// <para>
/// Clustering is single linkage taken in order of increasing distance (Kruskal), with one cannot-link rule:
/// two groups are not merged when they would then hold two different exposures (DateTimeOriginal with
/// sub-seconds) claimed by the same camera body. A camera takes one exposure at a time, so two such items are
/// different shots, however alike; without the rule, the 4 to 20 shots of one body taken seconds apart chain
/// into one group (measured on the synthetic archive: precision 0.53 without it, 0.96 with it). Items without
/// EXIF (exports, messaging-app copies) are not constrained, and join the group of the shot they are closest to.
/// </para>
/// <para>
/// A pair in which either hash has quality below <see cref="MinimumQuality"/> (flat or nearly blank images,
/// where the PDQ documentation calls matching unreliable) joins only within <see cref="LowQualityRadius"/>.
/// </para>
/// <para>
/// Crops, which PDQ misses, are joined after all PDQ pairs: each item with a thumbnail is matched against windows of
/// the thumbnails of the items strictly larger than it with the same aspect ratio (CropLinks, <see cref="CropMatch"/>),
/// and its best fit joins when it reaches <see cref="CropCorrelation"/>, under the same exposure rule.
/// </para>
/// </summary>
public static class NearDuplicateClustering
{
    /// <summary>The PDQ documentation's threshold for "the same image" (Meta, "The TMK+PDQF and PDQ algorithms", 2019).</summary>
    public const int Radius = 31;

    /// <summary>The stricter radius for pairs involving a low-quality hash: half of <see cref="Radius"/>.</summary>
    public const int LowQualityRadius = 16;

    /// <summary>Below this quality a hash is unreliable (the same threshold as the pdq analyzer's pdq.low-quality).</summary>
    public const int MinimumQuality = 50;

    /// <summary>
    /// A crop joins its best-fitting original when the 16x16 luma grids correlate at least this well. Measured on the
    /// 2,000-photo synthetic archive (docs/analyzers.md): true crops 0.985 to 0.998, resized copies against their
    /// originals 0.998 to 0.9995, the best other shot of the same body up to 0.9965 (but always below the true
    /// original's fit), unrelated originals up to 0.944.
    /// </summary>
    public const double CropCorrelation = 0.98;

    /// <summary>A crop's aspect ratio may differ from its original's by this fraction (the crop's pixel rounding).</summary>
    public const double CropAspectTolerance = 0.02;

    /// <summary>Lattice fits below this are not refined (true crops score 0.985 or more on the lattice).</summary>
    private const double CoarseFloor = 0.95;

    /// <summary>How many originals per crop, the best on the lattice, are refined.</summary>
    private const int RefinedPerCrop = 4;

    /// <summary>Groups larger than this pick the representative by edge count instead of by summed distance (k² work).</summary>
    private const int MedoidLimit = 512;

    public static NearDuplicateGrouping Group(IReadOnlyList<NearDuplicateCandidate> items, CancellationToken cancel = default)
    {
        var edges = Edges(items, cancel);
        var parent = new int[items.Count];
        for (var i = 0; i < parent.Length; i++) parent[i] = i;
        // Per root: camera -> the one exposure the group holds for it (absent when no member claims one).
        var exposures = new Dictionary<string, string>?[items.Count];
        for (var i = 0; i < items.Count; i++)
            if (items[i].Camera is { } camera && items[i].Exposure is { } exposure)
                exposures[i] = new Dictionary<string, string>(StringComparer.Ordinal) { [camera] = exposure };
        var refused = 0;
        var links = CropLinks(items, cancel);
        var joinedByCrop = new Dictionary<int, CropLink>();
        // PDQ pairs first, by distance; then crop links, by correlation (CropLinks sorts them): a whole-frame match is
        // the stronger evidence, and a crop that already joined its original's group through PDQ adds nothing.
        var order = new List<(int A, int B, int Link)>(edges.Count + links.Count);
        foreach (var (a, b, _) in edges) order.Add((a, b, -1));
        for (var k = 0; k < links.Count; k++) order.Add((links[k].Crop, links[k].Original, k));
        foreach (var (a, b, link) in order)
        {
            var ra = Find(parent, a);
            var rb = Find(parent, b);
            if (ra == rb) continue;
            if (Conflict(exposures[ra], exposures[rb])) { refused++; continue; }
            if (link >= 0) joinedByCrop[a] = links[link];
            // Attach the smaller map to the larger root so merging stays near-linear.
            if ((exposures[ra]?.Count ?? 0) < (exposures[rb]?.Count ?? 0)) (ra, rb) = (rb, ra);
            parent[rb] = ra;
            if (exposures[rb] is { } moving)
            {
                var into = exposures[ra] ??= new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (camera, exposure) in moving) into[camera] = exposure;
                exposures[rb] = null;
            }
        }

        var byRoot = new Dictionary<int, List<int>>();
        for (var i = 0; i < items.Count; i++)
        {
            var root = Find(parent, i);
            if (!byRoot.TryGetValue(root, out var list)) byRoot[root] = list = [];
            list.Add(i);
        }
        var degree = new int[items.Count];
        foreach (var (a, b, _) in edges) { degree[a]++; degree[b]++; }
        var groups = new List<NearDuplicateGroup>();
        foreach (var members in byRoot.Values)
        {
            if (members.Count < 2) continue;
            cancel.ThrowIfCancellationRequested();
            groups.Add(BuildGroup(items, members, degree));
        }
        groups.Sort((x, y) => string.CompareOrdinal(x.Id, y.Id));
        return new NearDuplicateGrouping(groups, edges.Count, refused) { Crops = joinedByCrop, CropLinks = links.Count };
    }

    /// <summary>
    /// The smallest dihedral distance between two items, both ways round (the variants are computed in the DCT
    /// domain and then thresholded at their own median, so the two directions can differ by a bit or two), and the
    /// transform of <paramref name="a"/> that <paramref name="b"/> resembles.
    /// </summary>
    public static (int Distance, PdqTransform Transform) Distance(NearDuplicateCandidate a, NearDuplicateCandidate b)
    {
        var best = int.MaxValue;
        var transform = PdqTransform.Original;
        for (var t = 0; t < a.Dihedral.Length; t++)
        {
            var forward = a.Dihedral[t].DistanceTo(b.Hash);
            if (forward < best) { best = forward; transform = (PdqTransform)t; }
            var backward = b.Dihedral[t].DistanceTo(a.Hash);
            if (backward < best) { best = backward; transform = Inverse((PdqTransform)t); }
        }
        return (best, transform);
    }

    /// <summary>Quarter turns invert each other; the half turn and the four mirrors are their own inverses.</summary>
    public static PdqTransform Inverse(PdqTransform t) => t switch
    {
        PdqTransform.Rotate90 => PdqTransform.Rotate270,
        PdqTransform.Rotate270 => PdqTransform.Rotate90,
        _ => t,
    };

    private static bool Conflict(Dictionary<string, string>? x, Dictionary<string, string>? y)
    {
        if (x is null || y is null) return false;
        if (x.Count > y.Count) (x, y) = (y, x);
        foreach (var (camera, exposure) in x)
            if (y.TryGetValue(camera, out var other) && !string.Equals(other, exposure, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// For every item with a thumbnail, its best original among the items strictly larger in both pixel dimensions
    /// with an aspect ratio within <see cref="CropAspectTolerance"/>: the lattice score (<see cref="CropMatch.Coarse"/>)
    /// against every such item, then <see cref="CropMatch.Refine"/> for the best <see cref="RefinedPerCrop"/>; kept when
    /// the refined correlation reaches <see cref="CropCorrelation"/>. Sorted by correlation, best first. The cost is the
    /// lattice score for every (smaller, larger) pair, so it grows with n² (docs/analyzers.md).
    /// </summary>
    internal static List<CropLink> CropLinks(IReadOnlyList<NearDuplicateCandidate> items, CancellationToken cancel)
    {
        var usable = new List<int>();
        for (var i = 0; i < items.Count; i++)
            if (items[i] is { Thumbnail.Length: CropMatch.ThumbnailSide * CropMatch.ThumbnailSide, Width: > 0, Height: > 0 }) usable.Add(i);
        if (usable.Count < 2) return [];
        // Only the 4x4 grids are kept for every item (128 bytes each); tables and 16x16 grids are rebuilt where needed
        // (a table is 1,024 additions), so memory stays linear and small for archives of tens of thousands.
        var whole4 = new double[items.Count][];
        Parallel.ForEach(usable, new ParallelOptions { CancellationToken = cancel }, i =>
        {
            whole4[i] = new double[16];
            CropMatch.Whole(CropMatch.Table(items[i].Thumbnail), 4, whole4[i]);
        });
        // Smaller items first, so that for each original only the prefix of strictly smaller ones is scanned.
        var bySize = usable.OrderBy(i => (long)items[i].Width * items[i].Height).ToArray();
        var found = new List<(int Crop, int Original, double Coarse, int Window)>();
        Parallel.ForEach(usable, new ParallelOptions { CancellationToken = cancel }, () => new List<(int, int, double, int)>(), (o, _, local) =>
        {
            var original = items[o];
            double[]? lattice = null;
            foreach (var c in bySize)
            {
                var crop = items[c];
                if ((long)crop.Width * crop.Height >= (long)original.Width * original.Height) break;
                if (crop.Width >= original.Width || crop.Height >= original.Height) continue;
                var aspect = (double)crop.Width / crop.Height / ((double)original.Width / original.Height);
                if (Math.Abs(aspect - 1) > CropAspectTolerance) continue;
                lattice ??= CropMatch.LatticeGrids(CropMatch.Table(original.Thumbnail));
                var (score, window) = CropMatch.Coarse(whole4[c], lattice);
                if (score >= CoarseFloor) local.Add((c, o, score, window));
            }
            return local;
        }, local => { lock (found) found.AddRange(local); });
        found.Sort((x, y) => x.Crop != y.Crop ? x.Crop.CompareTo(y.Crop) : x.Coarse != y.Coarse ? y.Coarse.CompareTo(x.Coarse) : x.Original.CompareTo(y.Original));
        var perCrop = new List<List<(int Crop, int Original, double Coarse, int Window)>>();
        foreach (var f in found)
        {
            if (perCrop.Count == 0 || perCrop[^1][0].Crop != f.Crop) perCrop.Add([]);
            if (perCrop[^1].Count < RefinedPerCrop) perCrop[^1].Add(f);
        }
        var best = new CropLink?[perCrop.Count];
        Parallel.For(0, perCrop.Count, new ParallelOptions { CancellationToken = cancel }, k =>
        {
            CropLink? winner = null;
            var whole16 = new double[256];
            CropMatch.Whole(CropMatch.Table(items[perCrop[k][0].Crop].Thumbnail), 16, whole16);
            foreach (var (c, o, _, window) in perCrop[k])
            {
                var fit = CropMatch.Refine(whole16, CropMatch.Table(items[o].Thumbnail), window);
                if (winner is null || fit.Correlation > winner.Value.Fit.Correlation) winner = new CropLink(c, o, fit);
            }
            if (winner is { } w && w.Fit.Correlation >= CropCorrelation) best[k] = w;
        });
        var links = new List<CropLink>();
        foreach (var link in best) if (link is { } l) links.Add(l);
        links.Sort((x, y) => x.Fit.Correlation != y.Fit.Correlation ? y.Fit.Correlation.CompareTo(x.Fit.Correlation) : x.Crop.CompareTo(y.Crop));
        return links;
    }

    /// <summary>Every pair within its radius, each once (a &lt; b) with its smallest distance, by distance then a then b.</summary>
    private static List<(int A, int B, int Distance)> Edges(IReadOnlyList<NearDuplicateCandidate> items, CancellationToken cancel)
    {
        var hashes = new PdqHash[items.Count];
        for (var i = 0; i < hashes.Length; i++) hashes[i] = items[i].Hash;
        var index = PdqHashIndex.Build(hashes);
        var found = new List<(int, int, int)>?[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { CancellationToken = cancel }, () => new List<PdqMatch>(), (i, _, matches) =>
        {
            var item = items[i];
            var lowQuality = item.Quality < MinimumQuality;
            List<(int, int, int)>? mine = null;
            foreach (var variant in item.Dihedral)
            {
                matches.Clear();
                index.Query(variant, Radius, matches);
                foreach (var match in matches)
                {
                    var j = (int)match.Id;
                    if (j == i) continue;
                    var limit = lowQuality || items[j].Quality < MinimumQuality ? LowQualityRadius : Radius;
                    if (match.Distance > limit) continue;
                    (mine ??= []).Add((Math.Min(i, j), Math.Max(i, j), match.Distance));
                }
            }
            found[i] = mine;
            return matches;
        }, _ => { });
        var all = new List<(int A, int B, int Distance)>();
        foreach (var list in found) if (list is not null) all.AddRange(list);
        // Keep each pair once, at its smallest distance over both directions and all variants.
        all.Sort((x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B != y.B ? x.B.CompareTo(y.B) : x.Distance.CompareTo(y.Distance));
        var edges = new List<(int A, int B, int Distance)>(all.Count / 2 + 1);
        foreach (var edge in all)
            if (edges.Count == 0 || edges[^1].A != edge.A || edges[^1].B != edge.B) edges.Add(edge);
        edges.Sort((x, y) => x.Distance != y.Distance ? x.Distance.CompareTo(y.Distance) : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        return edges;
    }

    /// <summary>
    /// The representative is the medoid (smallest summed distance to the other members; in groups over
    /// <see cref="MedoidLimit"/>, the member with most close pairs); ties go to a member with a camera exposure
    /// (a camera original rather than an export), then to the higher hash quality, then to the smaller item id.
    /// </summary>
    private static NearDuplicateGroup BuildGroup(IReadOnlyList<NearDuplicateCandidate> items, List<int> members, int[] degree)
    {
        var cost = new long[members.Count];
        for (var x = 0; x < members.Count; x++)
        {
            if (members.Count > MedoidLimit) { cost[x] = -degree[members[x]]; continue; }
            for (var y = 0; y < members.Count; y++)
                if (x != y) cost[x] += Distance(items[members[x]], items[members[y]]).Distance;
        }
        var best = 0;
        for (var x = 1; x < members.Count; x++)
            if (Better(items, members[x], cost[x], members[best], cost[best])) best = x;
        var representative = members[best];
        var ordered = new List<int>(members.Count) { representative };
        foreach (var m in members) if (m != representative) ordered.Add(m);
        var distances = new int[ordered.Count];
        var transforms = new PdqTransform[ordered.Count];
        for (var k = 1; k < ordered.Count; k++)
            (distances[k], transforms[k]) = Distance(items[representative], items[ordered[k]]);
        return new NearDuplicateGroup("nd-" + items[representative].ItemId[..12], [.. ordered], distances, transforms);
    }

    private static bool Better(IReadOnlyList<NearDuplicateCandidate> items, int x, long costX, int y, long costY)
    {
        if (costX != costY) return costX < costY;
        var ex = items[x].Exposure is not null;
        var ey = items[y].Exposure is not null;
        if (ex != ey) return ex;
        if (items[x].Quality != items[y].Quality) return items[x].Quality > items[y].Quality;
        return string.CompareOrdinal(items[x].ItemId, items[y].ItemId) < 0;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
