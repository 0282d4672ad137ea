using System.Text.Json.Nodes;
using Athar.Cards.Reading;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;

namespace Athar.Cards.Tests.Reading;

/// <summary>The card.reading finding's data is a contract for case grouping: these tests pin its shape.</summary>
public class CardReadingAnalyzerTests(SynthPhotos photos) : IClassFixture<SynthPhotos>
{
    [Fact]
    public void A_read_card_gives_one_finding_in_the_agreed_shape()
    {
        // The first photo whose branch line the reader gets right: the test pins the shape, and that the numbers land in it.
        var (_, jpeg, card, _) = photos.CardPhotos(1600, 1200).First(p => CardReader.Default.Read(p.Jpeg) is { Found: true } r && r.Lines[1].Text == p.Card.Branch);
        var analyzer = new CardReadingAnalyzer();
        Assert.Equal(("card", 19, 2), (analyzer.Name, analyzer.Version, analyzer.CostTier));
        Assert.True(analyzer.AppliesTo("image/jpeg"));
        Assert.False(analyzer.AppliesTo("text/plain"));
        using var item = new ItemContext("x", "image/jpeg", jpeg);
        var finding = Assert.Single(analyzer.Analyze(item));
        Assert.Equal("card.reading", finding.Code);
        Assert.Equal(Severity.Info, finding.Severity);
        var data = finding.Data;
        Assert.Equal(["found", "quad", "lines", "confidence"], data.Select(p => p.Key));
        Assert.True(data["found"]!.GetValue<bool>());
        var quad = data["quad"]!.AsArray();
        Assert.Equal(4, quad.Count);
        Assert.All(quad, p => Assert.Equal(2, p!.AsArray().Count));
        var lines = data["lines"]!.AsArray();
        Assert.Equal(["detainee", "branch", "report"], lines.Select(l => l!["role"]!.GetValue<string>()));
        var min = 1.0;
        foreach (var line in lines)
        {
            Assert.Equal(["role", "text", "digits", "covered"], line!.AsObject().Select(p => p.Key));
            Assert.False(line["covered"]!.GetValue<bool>()); // nothing covers this card
            var digits = line["digits"]!.AsArray();
            Assert.Equal(line["text"]!.GetValue<string>(), string.Concat(digits.Select(d => d!["digit"]!.GetValue<int>())));
            foreach (var d in digits)
            {
                Assert.Equal(["digit", "confidence", "runnerUp", "runnerUpConfidence"], d!.AsObject().Select(p => p.Key));
                min = Math.Min(min, d["confidence"]!.GetValue<double>());
                Assert.NotEqual(d["digit"]!.GetValue<int>(), d["runnerUp"]!.GetValue<int>());
                Assert.InRange(d["runnerUpConfidence"]!.GetValue<double>(), 0, d["confidence"]!.GetValue<double>());
            }
        }
        Assert.Equal(min, data["confidence"]!.GetValue<double>(), 4);
        Assert.Equal(card.Branch, lines[1]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void No_card_gives_found_false_without_quad_or_lines()
    {
        using var item = new ItemContext("x", "image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 });
        var finding = Assert.Single(new CardReadingAnalyzer().Analyze(item));
        Assert.Equal("card.reading", finding.Code);
        Assert.Equal(JsonNode.Parse("""{"found":false,"confidence":0}""")!.ToJsonString(), finding.Data.ToJsonString());
    }
}
