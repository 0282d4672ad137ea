using Athar.Cases.Evaluation;

namespace Athar.Cases.Tests.Evaluation;

public sealed class PairwiseScoreTests
{
    [Fact]
    public void Counts_pairs_a_merge_and_a_split_cost()
    {
        // Truth: A = {1,2,3}, B = {4,5}, 6 in no case. Predicted: {1,2}, {3,4,5}, {6}.
        var truth = new Dictionary<string, string?> { ["1"] = "A", ["2"] = "A", ["3"] = "A", ["4"] = "B", ["5"] = "B", ["6"] = null };
        var predicted = new Dictionary<string, string> { ["1"] = "x", ["2"] = "x", ["3"] = "y", ["4"] = "y", ["5"] = "y", ["6"] = "z" };

        var score = PairwiseScore.Compute(predicted, truth);

        Assert.Equal(4, score.TruePairs);      // 12 13 23 45
        Assert.Equal(4, score.PredictedPairs); // 12 34 35 45
        Assert.Equal(2, score.CorrectPairs);   // 12 45
        Assert.Equal(0.5, score.Precision);
        Assert.Equal(0.5, score.Recall);
    }

    [Fact]
    public void A_perfect_grouping_scores_one()
    {
        var truth = new Dictionary<string, string?> { ["1"] = "A", ["2"] = "A", ["3"] = "B" };
        var predicted = new Dictionary<string, string> { ["1"] = "C-1", ["2"] = "C-1", ["3"] = "C-2" };

        var score = PairwiseScore.Compute(predicted, truth);

        Assert.Equal((1.0, 1.0), (score.Precision, score.Recall));
    }
}
