using System.Text.Json;

namespace Athar.Forensics.Evaluation;

/// <summary>Recall for one kind of near-duplicate (the generator's derivation: resized, recompressed, cropped).</summary>
public sealed record DerivationRecall(string Derivation, long Pairs, long Found)
{
    public double Recall => Pairs == 0 ? 1 : (double)Found / Pairs;
}

/// <summary>
/// How well near-duplicate groups agree with a synthetic archive's ground truth (docs/synth.md), counted over
/// pairs of items: a pair is "same group" in the truth when one is derived from the other (or both from one
/// original); exact copies are one item and make no pair. Precision = correct predicted pairs / predicted pairs;
/// recall = correct predicted pairs / true pairs (each 1 when its denominator is 0). Items are SHA-256 ids, so
/// the ground truth's files map onto archive items directly.
/// </summary>
public sealed record NearDuplicateScore(long TruePairs, long PredictedPairs, long CorrectPairs, IReadOnlyList<DerivationRecall> ByDerivation)
{
    public double Precision => PredictedPairs == 0 ? 1 : (double)CorrectPairs / PredictedPairs;
    public double Recall => TruePairs == 0 ? 1 : (double)CorrectPairs / TruePairs;

    /// <summary>Scores <paramref name="groupOfItem"/> (item id to group id; items in no group absent) against ground-truth.json.</summary>
    public static NearDuplicateScore Score(string groundTruthPath, IReadOnlyDictionary<string, string> groupOfItem)
    {
        using var stream = File.OpenRead(groundTruthPath);
        using var document = JsonDocument.Parse(stream);
        return Score(TruthPairs(document.RootElement), groupOfItem);
    }

    /// <summary>The ground truth's derived files as (derived item, original item, derivation).</summary>
    public static List<(string Derived, string Original, string Derivation)> TruthPairs(JsonElement groundTruth)
    {
        var shaOfPath = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in groundTruth.GetProperty("files").EnumerateArray())
            shaOfPath[file.GetProperty("path").GetString()!] = file.GetProperty("sha256").GetString()!;
        var pairs = new List<(string, string, string)>();
        foreach (var file in groundTruth.GetProperty("files").EnumerateArray())
        {
            if (file.GetProperty("kind").GetString() != "derived") continue;
            if (file.GetProperty("derivedFrom").GetString() is not { } from || !shaOfPath.TryGetValue(from, out var original)) continue;
            pairs.Add((file.GetProperty("sha256").GetString()!, original, file.TryGetProperty("derivation", out var d) ? d.GetString() ?? "" : ""));
        }
        return pairs;
    }

    public static NearDuplicateScore Score(IReadOnlyList<(string Derived, string Original, string Derivation)> truth, IReadOnlyDictionary<string, string> groupOfItem)
    {
        // True groups: the union of every derived item with its original (one original may have several derivatives).
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent.TryGetValue(x, out var p) && p != x) x = p;
            return x;
        }
        foreach (var (derived, original, _) in truth)
        {
            parent.TryAdd(derived, derived);
            parent.TryAdd(original, original);
            var a = Find(derived);
            var b = Find(original);
            if (a != b) parent[a] = b;
        }
        var truthSize = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in parent.Keys) truthSize[Find(item)] = truthSize.GetValueOrDefault(Find(item)) + 1;
        long truePairs = 0;
        foreach (var size in truthSize.Values) truePairs += size * (size - 1) / 2;

        // Predicted pairs, and those whose two items share a true group.
        var predictedSize = new Dictionary<string, long>(StringComparer.Ordinal);
        var shared = new Dictionary<(string Group, string Truth), long>();
        foreach (var (item, group) in groupOfItem)
        {
            predictedSize[group] = predictedSize.GetValueOrDefault(group) + 1;
            if (parent.ContainsKey(item)) shared[(group, Find(item))] = shared.GetValueOrDefault((group, Find(item))) + 1;
        }
        long predictedPairs = 0, correct = 0;
        foreach (var size in predictedSize.Values) predictedPairs += size * (size - 1) / 2;
        foreach (var count in shared.Values) correct += count * (count - 1) / 2;

        var byDerivation = new SortedDictionary<string, (long Pairs, long Found)>(StringComparer.Ordinal);
        foreach (var (derived, original, derivation) in truth)
        {
            if (derived == original) continue;
            var found = groupOfItem.TryGetValue(derived, out var g1) && groupOfItem.TryGetValue(original, out var g2) && g1 == g2;
            var (pairs, hits) = byDerivation.GetValueOrDefault(derivation);
            byDerivation[derivation] = (pairs + 1, hits + (found ? 1 : 0));
        }
        var recalls = new List<DerivationRecall>();
        foreach (var (derivation, (pairs, hits)) in byDerivation) recalls.Add(new DerivationRecall(derivation, pairs, hits));
        return new NearDuplicateScore(truePairs, predictedPairs, correct, recalls);
    }
}
