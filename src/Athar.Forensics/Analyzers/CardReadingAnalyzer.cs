using System.Text.Json.Nodes;
using Athar.Cards.Reading;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;

namespace Athar.Forensics.Analyzers;

/// <summary>
/// Reads the handwritten card beside the body (docs/cards.md) and records one <c>card.reading</c> finding:
/// <code>
/// {"found":true, "quad":[[x,y]x4], "lines":[{"role":"detainee","text":"1234","digits":[{"digit":1,"confidence":0.98},...],
///  "covered":false}, {"role":"branch",...},{"role":"report",...}], "confidence":min digit confidence}
/// </code>
/// or <c>{"found":false,"confidence":0}</c>. Case grouping reads exactly this shape: extend it, never rename.
/// A machine reading is a proposal; a person confirms every number.
/// </summary>
public sealed class CardReadingAnalyzer : IItemAnalyzer
{
    public const string Code = "card.reading";

    public string Name => "card";
    public int Version => 19;
    public AnalyzerNeeds Needs => AnalyzerNeeds.Bytes;
    /// <summary>
    /// Tier 2: reading a card costs about as much as all tier-1 checks together (a full-resolution crop and a
    /// CNN per digit), and it serves case work, not authentication, so `athar analyze` leaves it to
    /// `athar cases read`, which runs the pass up to this tier.
    /// </summary>
    public const int Tier = 2;

    public int CostTier => Tier;

    public bool AppliesTo(string mediaType) => mediaType == "image/jpeg";

    public IReadOnlyList<Finding> Analyze(ItemContext item)
    {
        var reading = CardReader.Default.Read(item.Bytes.Span);
        return [ToFinding(reading)];
    }

    public static Finding ToFinding(CardReading reading)
    {
        var confidence = Math.Round(reading.Confidence, 4);
        if (!reading.Found)
        {
            return new Finding(Code, Severity.Info,
                "No card with handwritten numbers was found in this photo" + (reading.Reason is null ? "." : $" ({reading.Reason})."),
                new JsonObject { ["found"] = false, ["confidence"] = 0.0 });
        }
        var quad = new JsonArray();
        foreach (var p in reading.Quad) quad.Add(new JsonArray(Math.Round(p.X, 1), Math.Round(p.Y, 1)));
        var lines = new JsonArray();
        foreach (var line in reading.Lines)
        {
            var digits = new JsonArray();
            foreach (var d in line.Digits)
            {
                var digit = new JsonObject { ["digit"] = d.Digit, ["confidence"] = Math.Round(d.Confidence, 4) };
                if (d.RunnerUp >= 0) { digit["runnerUp"] = d.RunnerUp; digit["runnerUpConfidence"] = Math.Round(d.RunnerUpConfidence, 4); }
                digits.Add(digit);
            }
            lines.Add(new JsonObject { ["role"] = CardLine.RoleName(line.Role), ["text"] = line.Text, ["digits"] = digits, ["covered"] = line.Covered });
        }
        var texts = string.Join(", ", reading.Lines.Select(l => $"{CardLine.RoleName(l.Role)} {(l.Text.Length == 0 ? "(unread)" : l.Text)}"));
        return new Finding(Code, Severity.Info,
            $"Card read by machine: {texts}; lowest digit confidence {confidence:0.00}. A person must confirm these numbers.",
            new JsonObject { ["found"] = true, ["quad"] = quad, ["lines"] = lines, ["confidence"] = confidence });
    }
}
