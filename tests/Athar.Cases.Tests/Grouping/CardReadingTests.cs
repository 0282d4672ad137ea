using System.Text.Json.Nodes;
using Athar.Cases.Grouping;

namespace Athar.Cases.Tests.Grouping;

public sealed class CardReadingTests
{
    private static CardReading Parse(string digits) => CardReading.FromJson(JsonNode.Parse(
        $$"""{"found":true,"lines":[{"role":"detainee","text":"45","digits":{{digits}}}],"confidence":0.4}""")!.AsObject());

    [Fact]
    public void A_digit_keeps_the_recognisers_second_choice()
    {
        var reading = Parse("""[{"digit":4,"confidence":0.9,"runnerUp":9,"runnerUpConfidence":0.06},{"digit":5,"confidence":0.4,"runnerUp":6,"runnerUpConfidence":0.35}]""");

        Assert.Equal([new ReadDigit(4, 0.9, 9, 0.06), new ReadDigit(5, 0.4, 6, 0.35)], reading.Line("detainee")!.Digits);
        Assert.Equal(0.35, reading.Line("detainee")!.Digits[1].Probability(6));
        Assert.Equal((1 - 0.4 - 0.35) / 8, reading.Line("detainee")!.Digits[1].Probability(3), 12);
    }

    [Fact]
    public void Readings_from_before_the_second_choice_or_with_a_bad_one_have_none()
    {
        var old = Parse("""[{"digit":4,"confidence":0.9},{"digit":5,"confidence":0.4,"runnerUp":5,"runnerUpConfidence":0.3}]""");

        Assert.Equal([new ReadDigit(4, 0.9), new ReadDigit(5, 0.4)], old.Line("detainee")!.Digits);
        Assert.Equal((1 - 0.4) / 9, old.Line("detainee")!.Digits[1].Probability(6), 12);
    }

    [Fact]
    public void A_line_is_covered_only_when_its_reading_says_so()
    {
        static CardReading Line(string covered) => CardReading.FromJson(JsonNode.Parse(
            $$"""{"found":true,"lines":[{"role":"detainee","text":"4","digits":[{"digit":4,"confidence":0.9}]{{covered}}}],"confidence":0.9}""")!.AsObject());

        Assert.True(Line(""","covered":true""").Line("detainee")!.Covered);
        Assert.False(Line(""","covered":false""").Line("detainee")!.Covered);
        Assert.False(Line("").Line("detainee")!.Covered);             // a reading from before card analyzer version 14
        Assert.False(Line(""","covered":"yes" """).Line("detainee")!.Covered); // not a boolean: not trusted
    }
}
