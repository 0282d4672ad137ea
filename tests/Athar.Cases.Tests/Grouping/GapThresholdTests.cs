using Athar.Cases.Grouping;

namespace Athar.Cases.Tests.Grouping;

public sealed class GapThresholdTests
{
    [Fact]
    public void Sits_just_above_the_within_body_gaps_and_below_the_between_body_gaps()
    {
        // The synthetic generator's pattern: most shots 4-60 s apart, one in five 1-4 minutes, bodies 15-30 minutes apart.
        var random = new Random(3);
        var gaps = new List<double>();
        for (var body = 0; body < 80; body++)
        {
            for (var shot = 0; shot < 4; shot++) gaps.Add(random.NextDouble() < 0.8 ? random.Next(4, 61) : random.Next(60, 241));
            gaps.Add(random.Next(15 * 60, 30 * 60));
        }

        var threshold = GapThreshold.Learn(gaps, 12);

        Assert.NotNull(threshold);
        Assert.InRange(threshold.Value, 240, 15 * 60);
    }

    [Fact]
    public void Too_few_gaps_or_a_single_hump_give_no_threshold()
    {
        Assert.Null(GapThreshold.Learn([30, 40, 50], 12));
        Assert.Null(GapThreshold.Learn([.. Enumerable.Range(0, 40).Select(i => 20.0 + i)], 12));
    }
}
