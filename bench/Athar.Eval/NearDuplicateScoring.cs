using System.Text.Json.Nodes;
using Athar.Forensics.Pdq;
using Athar.Synth.Output;

namespace Athar.Eval;

public sealed record PairScore(int TruePositives, int FalsePositives, int Missed, IReadOnlyList<(string, string)> WrongPairs, IReadOnlyList<(string, string)> MissedPairs)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + Missed == 0 ? 1 : (double)TruePositives / (TruePositives + Missed);
}

/// <summary>
/// Pairwise scoring of near-duplicate groups: two items are a pair when they are in one group. Pairs rather
/// than groups, so one wrongly merged group costs in proportion to the items it wrongly joins.
/// </summary>
public static class NearDuplicateScoring
{
    /// <summary>
    /// The ground truth's pairs: each near-duplicate export with the original it was made from, closed over
    /// shared originals (two exports of one original are near-duplicates of each other), by item (SHA-256).
    /// </summary>
    public static HashSet<(string, string)> TruthPairs(GroundTruth truth)
    {
        var sha = truth.Files.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        var groups = new Dictionary<string, string>(StringComparer.Ordinal); // item -> its original's item
        foreach (var f in truth.Files)
        {
            if (f.Kind != "derived" || f.DerivedFrom is null || !sha.TryGetValue(f.DerivedFrom, out var original)) continue;
            groups[f.Sha256] = original;
            groups[original] = original;
        }
        return PairsOfGroups(groups);
    }

    /// <summary>Every unordered pair of items that share a group id, as (smaller id, larger id).</summary>
    public static HashSet<(string, string)> PairsOfGroups(IReadOnlyDictionary<string, string> groupOf)
    {
        var pairs = new HashSet<(string, string)>();
        foreach (var members in groupOf.GroupBy(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal))
        {
            var list = members.Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < list.Count; i++)
                for (var j = i + 1; j < list.Count; j++) pairs.Add((list[i], list[j]));
        }
        return pairs;
    }

    /// <summary>
    /// Pairs whose PDQ hashes (recorded pdq.hash data) are within <paramref name="radius"/>, the one's hash
    /// against the other's nearest dihedral variant. A reference point for the grouping, not a grouping.
    /// </summary>
    public static HashSet<(string, string)> PdqPairs(IReadOnlyDictionary<string, string> pdqData, int radius)
    {
        var entries = new List<(string Id, PdqHash Hash, PdqHash[] Variants)>();
        foreach (var (id, json) in pdqData.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (JsonNode.Parse(json) is not JsonObject data || data["hash"]?.GetValue<string>() is not { } hex) continue;
            var variants = data["dihedral"] is JsonArray array ? array.Select(v => PdqHash.Parse(v!.GetValue<string>())).ToArray() : [PdqHash.Parse(hex)];
            entries.Add((id, PdqHash.Parse(hex), variants));
        }
        var pairs = new HashSet<(string, string)>();
        for (var i = 0; i < entries.Count; i++)
            for (var j = i + 1; j < entries.Count; j++)
            {
                var best = int.MaxValue;
                foreach (var v in entries[j].Variants) best = Math.Min(best, entries[i].Hash.DistanceTo(v));
                if (best <= radius) pairs.Add((entries[i].Id, entries[j].Id));
            }
        return pairs;
    }

    public static PairScore Score(HashSet<(string, string)> truth, HashSet<(string, string)> predicted)
    {
        var wrong = predicted.Where(p => !truth.Contains(p)).ToList();
        var missed = truth.Where(p => !predicted.Contains(p)).ToList();
        return new PairScore(predicted.Count - wrong.Count, wrong.Count, missed.Count, wrong, missed);
    }
}
