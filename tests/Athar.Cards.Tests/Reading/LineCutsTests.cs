using Athar.Cards.Reading;

namespace Athar.Cards.Tests.Reading;

public sealed class LineCutsTests
{
    private static double[] Profile(int height, params (int From, int To, double Ink)[] bands)
    {
        var profile = new double[height];
        foreach (var (from, to, ink) in bands)
            for (var y = from; y <= to; y++) profile[y] = ink;
        return profile;
    }

    [Fact]
    public void Three_bands_of_writing_are_cut_between_them_wherever_they_sit()
    {
        // A partial card: the writing fills the top of the crop, far from its thirds (33 and 67).
        var profile = Profile(120, (4, 20, 5), (26, 40, 5), (48, 62, 5));

        var cuts = CardSegmenter.LineCuts(profile);

        Assert.NotNull(cuts);
        Assert.InRange(cuts[0], 21, 25);
        Assert.InRange(cuts[1], 41, 47);
    }

    [Fact]
    public void A_speck_between_lines_is_not_a_line()
    {
        var profile = Profile(120, (10, 30, 5), (33, 34, 1), (45, 70, 5), (85, 105, 5));

        var cuts = CardSegmenter.LineCuts(profile);

        Assert.NotNull(cuts);
        Assert.InRange(cuts[0], 31, 44);
        Assert.InRange(cuts[1], 71, 84);
    }

    [Fact]
    public void Lines_that_touch_leave_the_cuts_to_the_card_thirds()
    {
        // Two lines joined by a tall digit: two bands, not three.
        var profile = Profile(120, (10, 70, 5), (85, 105, 5));

        Assert.Null(CardSegmenter.LineCuts(profile));
    }
}
