using Athar.Cases.Grouping;
using Athar.Cases.Model;
using Athar.Cases.Numbers;
using static Athar.Cases.Tests.Grouping.Facts;

namespace Athar.Cases.Tests.Numbers;

public sealed class NumberVoteTests
{
    private static CardReading Reading(params (string Role, string Text, double[] Confidence)[] lines) =>
        new(true, [.. lines.Select(l => new CardLine(l.Role, l.Text, [.. l.Text.Select((c, i) => new ReadDigit(c - '0', l.Confidence[i]))]))], 0.9);

    [Fact]
    public void Each_digit_is_voted_separately_weighted_by_confidence()
    {
        // Three readings of "4821": each gets one digit wrong, but never the same one.
        var readings = new[]
        {
            Reading((CardRole.Detainee, "4871", [0.9, 0.9, 0.5, 0.9])),
            Reading((CardRole.Detainee, "1821", [0.4, 0.9, 0.9, 0.9])),
            Reading((CardRole.Detainee, "4829", [0.9, 0.9, 0.9, 0.6])),
        };

        var number = NumberVote.VoteLine(readings, CardRole.Detainee);

        Assert.Equal("4821", number.Value);
        Assert.Equal(NumberStatus.MachineRead, number.Status);
        Assert.InRange(number.Confidence, 0.3, 0.99);
    }

    [Fact]
    public void A_second_choice_seen_in_every_photo_beats_a_weak_first_choice()
    {
        // "1592": three photos read the 2 as a 0 at 0.39, with the 2 their close second choice; one reads the 2 at 0.7.
        // A majority of first choices weighted by confidence says 0 (1.17 against 0.7).
        static CardReading Look(char last, double confidence, int runnerUp, double runnerUpConfidence) =>
            new(true, [new CardLine(CardRole.Detainee, "159" + last,
                [new ReadDigit(1, 0.95), new ReadDigit(5, 0.95), new ReadDigit(9, 0.95), new ReadDigit(last - '0', confidence, runnerUp, runnerUpConfidence)])], 0.4);
        var readings = new[] { Look('0', 0.39, 2, 0.35), Look('2', 0.7, 0, 0.2), Look('0', 0.39, 2, 0.35), Look('0', 0.37, 2, 0.33) };

        var number = NumberVote.VoteLine(readings, CardRole.Detainee);

        Assert.Equal("1592", number.Value);
        Assert.InRange(number.Confidence, 0.01, 0.7);
    }

    [Fact]
    public void A_number_never_begins_with_zero_and_one_read_so_is_left_for_a_person()
    {
        // "266" in four photos: a shadow took the 2's foot in three, which read 0 first and 2 second.
        static CardReading Look(int first, double confidence, int runnerUp, double runnerUpConfidence) =>
            new(true, [new CardLine(CardRole.Detainee, first + "66",
                [new ReadDigit(first, confidence, runnerUp, runnerUpConfidence), new ReadDigit(6, 0.95), new ReadDigit(6, 0.95)])], 0.6);
        var readings = new[] { Look(0, 0.6, 2, 0.3), Look(0, 0.55, 2, 0.35), Look(2, 0.5, 0, 0.4), Look(0, 0.6, 8, 0.2) };

        var number = NumberVote.VoteLine(readings, CardRole.Detainee);

        Assert.Equal("266", number.Value);
        Assert.InRange(number.Confidence, 0.01, CaseNumber.Sure - 0.01);
        // A one-digit number may be 0.
        Assert.Equal("0", NumberVote.VoteLine([Reading((CardRole.Report, "0", [0.9])), Reading((CardRole.Report, "0", [0.8]))], CardRole.Report).Value);
    }

    [Fact]
    public void A_reading_with_no_trusted_digits_says_nothing_about_them()
    {
        var untrusted = new ReadDigit(7, 0);

        Assert.All(Enumerable.Range(0, 10), d => Assert.Equal(0.1, untrusted.Probability(d)));
        Assert.Equal("215", NumberVote.VoteLine([Reading((CardRole.Branch, "215", [0.6, 0.6, 0.6])), Reading((CardRole.Branch, "777", [0, 0, 0]))], CardRole.Branch).Value);
    }

    [Fact]
    public void A_confident_reading_outvotes_two_weak_ones()
    {
        var readings = new[]
        {
            Reading((CardRole.Branch, "215", [0.99, 0.99, 0.99])),
            Reading((CardRole.Branch, "216", [0.99, 0.99, 0.3])),
            Reading((CardRole.Branch, "216", [0.99, 0.99, 0.3])),
        };

        Assert.Equal("215", NumberVote.VoteLine(readings, CardRole.Branch).Value);
    }

    [Fact]
    public void Agreement_raises_confidence_and_disagreement_lowers_it()
    {
        var one = NumberVote.VoteLine([Card("333", "215", "12", 0.8)], CardRole.Detainee);
        var three = NumberVote.VoteLine([Card("333", "215", "12", 0.8), Card("333", "215", "12", 0.8), Card("333", "215", "12", 0.8)], CardRole.Detainee);
        var split = NumberVote.VoteLine([Card("333", "215", "12", 0.8), Card("338", "215", "12", 0.8), Card("333", "215", "12", 0.8)], CardRole.Detainee);

        Assert.True(three.Confidence > one.Confidence, $"{three.Confidence} > {one.Confidence}");
        Assert.True(split.Confidence < three.Confidence, $"{split.Confidence} < {three.Confidence}");
        Assert.Equal("333", split.Value);
    }

    [Fact]
    public void The_length_is_voted_first()
    {
        var number = NumberVote.VoteLine([Card("53159", "215", "1"), Card("5315", "215", "1"), Card("53159", "215", "1")], CardRole.Detainee);

        Assert.Equal("53159", number.Value);
    }

    [Fact]
    public void A_longer_length_that_a_quarter_of_the_looks_saw_wins_over_a_shorter_majority()
    {
        // "90791" with its 7 lost in three of five photos (merged into a neighbour, or in a shadow): readings lose
        // digits far more often than they gain one. The number is read, but the length's share keeps it unsure.
        var two = new[] { Card("90791", "215", "1", 0.9), Card("90791", "215", "1", 0.9) };
        var three = new[] { Card("9091", "215", "1", 0.9), Card("9091", "215", "1", 0.9), Card("9091", "215", "1", 0.9) };

        var number = NumberVote.VoteLine([.. two, .. three], CardRole.Detainee);

        Assert.Equal("90791", number.Value);
        Assert.InRange(number.Confidence, 0.01, 0.5);
        // One look of five at that length is under a quarter of the weight: the majority's length stands.
        Assert.Equal("9091", NumberVote.VoteLine([two[0], .. three, three[0]], CardRole.Detainee).Value);
    }

    [Fact]
    public void A_sure_longer_reading_wins_the_length_when_it_is_surer_than_every_shorter_one()
    {
        // "90791" with its 7 lost in four photos of five, read there at 0.87-0.9, and read whole at 0.97 in the fifth:
        // one look of five is under a quarter of the weight, but no reading of the shorter length is as sure.
        CardReading[] shorter = [Card("9091", "215", "1", 0.87), Card("9091", "215", "1", 0.9), Card("9091", "215", "1", 0.9), Card("9091", "215", "1", 0.87)];

        var number = NumberVote.VoteLine([.. shorter, Card("90791", "215", "1", 0.97)], CardRole.Detainee);

        Assert.Equal("90791", number.Value);
        Assert.InRange(number.Confidence, 0.01, 0.5);   // the length's share still keeps it unsure
        // Not sure (under 0.9), or no surer than the shorter readings: the majority's length stands.
        Assert.Equal("9091", NumberVote.VoteLine([.. shorter, Card("90791", "215", "1", 0.89)], CardRole.Detainee).Value);
        Assert.Equal("9091", NumberVote.VoteLine([.. shorter, Card("90791", "215", "1", 0.9)], CardRole.Detainee).Value);
    }

    [Fact]
    public void A_branch_read_short_does_not_outvote_a_three_digit_reading()
    {
        // The first digit under a cover in two photos: "48" twice, confident; "248" once, less so. A branch number has
        // three digits, so the short readings cannot set the length. A detainee number has no fixed length: there the
        // same readings give the two-digit number.
        var readings = new[]
        {
            Reading((CardRole.Detainee, "48", [0.99, 0.99]), (CardRole.Branch, "48", [0.99, 0.99])),
            Reading((CardRole.Detainee, "48", [0.99, 0.99]), (CardRole.Branch, "48", [0.99, 0.99])),
            Reading((CardRole.Detainee, "248", [0.6, 0.9, 0.9]), (CardRole.Branch, "248", [0.6, 0.9, 0.9])),
        };

        Assert.Equal("248", NumberVote.VoteLine(readings, CardRole.Branch).Value);
        Assert.Equal("48", NumberVote.VoteLine(readings, CardRole.Detainee).Value);
    }

    [Fact]
    public void A_branch_read_only_short_keeps_its_short_reading()
    {
        // Nothing to prefer: the reading is shown as read (a person confirms it), never padded.
        var number = NumberVote.VoteLine([Reading((CardRole.Branch, "48", [0.9, 0.9]))], CardRole.Branch);

        Assert.Equal("48", number.Value);
    }

    [Fact]
    public void No_reading_leaves_the_number_unread()
    {
        var numbers = NumberVote.Vote([null, CardReading.NotFound]);

        Assert.Equal(CaseNumbers.Unread, numbers);
    }

    [Fact]
    public void Photos_that_all_see_a_cover_over_the_line_cannot_make_the_number_sure()
    {
        // Five photos agree on "8134" at 0.97 a digit: as independent looks that is a sure number. But each saw the card
        // covered near the line, and the cover is the same in every photo: the "9" of "98134" may be under it in all.
        static CardReading Look(bool covered) => new(true, [new CardLine(CardRole.Detainee, "8134", [.. "8134".Select(c => new ReadDigit(c - '0', 0.97))], covered)], 0.97);
        var open = NumberVote.VoteLine([.. Enumerable.Range(0, 5).Select(_ => Look(false))], CardRole.Detainee);
        var covered = NumberVote.VoteLine([.. Enumerable.Range(0, 5).Select(_ => Look(true))], CardRole.Detainee);
        var fewCovered = NumberVote.VoteLine([Look(true), Look(true), Look(false), Look(false), Look(false)], CardRole.Detainee);

        Assert.Equal("8134", covered.Value);
        Assert.True(open.Confidence > 0.9, $"{open.Confidence}");
        Assert.Equal(NumberVote.CoveredCeiling, covered.Confidence);
        Assert.Equal(open.Confidence, fewCovered.Confidence); // two of five: most photos saw the line whole
        // The queue asks the same rule whether to say a digit may be hidden; a photo with no card does not vote.
        Assert.True(NumberVote.CoverReaches([Look(true), Look(true), Look(false), null, CardReading.NotFound], CardRole.Detainee));
        Assert.False(NumberVote.CoverReaches([Look(true), Look(true), Look(false), Look(false), Look(false)], CardRole.Detainee));
        Assert.False(NumberVote.CoverReaches([null], CardRole.Detainee));
    }
}
