using Athar.Forensics.Evaluation;

namespace Athar.Forensics.Tests.Evaluation;

/// <summary>Pair counting for near-duplicate precision and recall.</summary>
public sealed class NearDuplicateScoreTests
{
    // Truth: o1 has two derivatives (3 items: 3 pairs), o2 has one (1 pair): 4 true pairs.
    private static readonly List<(string, string, string)> Truth = [("d1a", "o1", "resized"), ("d1b", "o1", "cropped"), ("d2", "o2", "recompressed")];

    [Fact]
    public void Perfect_grouping_scores_one()
    {
        var score = NearDuplicateScore.Score(Truth, new Dictionary<string, string> { ["o1"] = "g1", ["d1a"] = "g1", ["d1b"] = "g1", ["o2"] = "g2", ["d2"] = "g2" });
        Assert.Equal((4L, 4L, 4L), (score.TruePairs, score.PredictedPairs, score.CorrectPairs));
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(1.0, score.Recall);
    }

    [Fact]
    public void Merged_groups_cost_precision_and_missed_crops_cost_recall()
    {
        // g1 holds o1, d1a, o2, d2 and a stranger x: 10 pairs, of which o1-d1a and o2-d2 are true. d1b is missed.
        var groups = new Dictionary<string, string> { ["o1"] = "g1", ["d1a"] = "g1", ["o2"] = "g1", ["d2"] = "g1", ["x"] = "g1" };
        var score = NearDuplicateScore.Score(Truth, groups);

        Assert.Equal(10, score.PredictedPairs);
        Assert.Equal(2, score.CorrectPairs);
        Assert.Equal(0.2, score.Precision, 6);
        Assert.Equal(0.5, score.Recall, 6);
        Assert.Equal([("cropped", 1L, 0L), ("recompressed", 1L, 1L), ("resized", 1L, 1L)], score.ByDerivation.Select(d => (d.Derivation, d.Pairs, d.Found)));
    }

    [Fact]
    public void Nothing_predicted_is_precise_but_recalls_nothing()
    {
        var score = NearDuplicateScore.Score(Truth, new Dictionary<string, string>());
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(0.0, score.Recall);
    }
}
