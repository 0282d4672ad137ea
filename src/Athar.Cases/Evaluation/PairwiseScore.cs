namespace Athar.Cases.Evaluation;

/// <summary>
/// Pairwise quality of a grouping against the truth: of all pairs of photos put in one case, the share that
/// truly are one case (precision); of all pairs that truly are one case, the share put together (recall).
/// Pair counts are what a split or merge costs: merging two 5-photo cases adds 25 wrong pairs.
/// </summary>
public sealed record PairwiseScore(long TruePairs, long PredictedPairs, long CorrectPairs, int Items, int PredictedCases, int TrueCases)
{
    public double Precision => PredictedPairs == 0 ? 1 : (double)CorrectPairs / PredictedPairs;

    public double Recall => TruePairs == 0 ? 1 : (double)CorrectPairs / TruePairs;

    /// <summary>
    /// Scores <paramref name="predicted"/> (item → case; absent = in no case) against <paramref name="truth"/>
    /// (item → case; absent or null = in no case). An item in no case makes no pair.
    /// </summary>
    public static PairwiseScore Compute(IReadOnlyDictionary<string, string> predicted, IReadOnlyDictionary<string, string?> truth)
    {
        var cells = new Dictionary<(string, string), long>();
        var predictedSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var trueSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (item, caseId) in predicted)
        {
            predictedSizes[caseId] = predictedSizes.GetValueOrDefault(caseId) + 1;
            if (truth.GetValueOrDefault(item) is { } trueCase) cells[(caseId, trueCase)] = cells.GetValueOrDefault((caseId, trueCase)) + 1;
        }
        foreach (var (_, trueCase) in truth)
            if (trueCase is not null) trueSizes[trueCase] = trueSizes.GetValueOrDefault(trueCase) + 1;
        static long Pairs(long n) => n * (n - 1) / 2;
        return new PairwiseScore(trueSizes.Values.Sum(Pairs), predictedSizes.Values.Sum(Pairs), cells.Values.Sum(Pairs),
            predicted.Keys.Union(truth.Where(t => t.Value is not null).Select(t => t.Key)).Count(), predictedSizes.Count, trueSizes.Count);
    }
}
