using Athar.Forensics.Pdq;

namespace Athar.Forensics.HashIndex;

/// <summary>
/// The plain answer to a radius query: compare the query with every stored hash. The truth that
/// <see cref="PdqHashIndex"/> is tested against, and the baseline its speed is measured against.
/// </summary>
public static class LinearScan
{
    /// <summary>
    /// Appends to <paramref name="results"/> every i with distance(hashes[i], query) ≤ <paramref name="radius"/>,
    /// as (ids[i] or i when <paramref name="ids"/> is empty, hash, distance), in ascending i. Returns how many.
    /// Requires ids to be empty or as long as hashes.
    /// </summary>
    public static int Query(ReadOnlySpan<PdqHash> hashes, ReadOnlySpan<long> ids, PdqHash query, int radius, List<PdqMatch> results)
    {
        if (!ids.IsEmpty && ids.Length != hashes.Length) throw new ArgumentException($"{ids.Length} ids for {hashes.Length} hashes", nameof(ids));
        var before = results.Count;
        for (var i = 0; i < hashes.Length; i++)
        {
            var distance = hashes[i].DistanceTo(query);
            if (distance <= radius) results.Add(new PdqMatch(ids.IsEmpty ? i : ids[i], hashes[i], distance));
        }
        return results.Count - before;
    }

    /// <summary>Every stored hash within <paramref name="radius"/> of <paramref name="query"/>, ids being positions.</summary>
    public static List<PdqMatch> Query(ReadOnlySpan<PdqHash> hashes, PdqHash query, int radius)
    {
        var results = new List<PdqMatch>();
        Query(hashes, [], query, radius, results);
        return results;
    }
}
