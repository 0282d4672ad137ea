using System.Globalization;
using System.Text.Json.Nodes;
using Athar.Cases.Model;
using Athar.Core.Custody;

namespace Athar.Cases.Grouping;

/// <summary>
/// One digit as the reader saw it: its digit and probability, and the recogniser's second choice and its probability
/// (-1 and 0 in readings recorded before card analyzer version 9, which did not keep it).
/// </summary>
public readonly record struct ReadDigit(int Digit, double Confidence, int RunnerUp = -1, double RunnerUpConfidence = 0)
{
    /// <summary>
    /// The probability this reading gives <paramref name="digit"/>: its own for the digit read, the runner-up's for the
    /// runner-up, and what is left shared evenly by the others (never below 0.001, so no one look rules a digit out).
    /// A reading below a tenth for its own digit (one whose digits were not trusted) says nothing: a tenth each.
    /// </summary>
    public double Probability(int digit)
    {
        const double floor = 1e-3, uniform = 0.1;
        if (Confidence < uniform) return uniform;
        if (digit == Digit) return Math.Max(floor, Confidence);
        if (digit == RunnerUp) return Math.Max(floor, RunnerUpConfidence);
        var others = RunnerUp is >= 0 and <= 9 && RunnerUp != Digit ? 8 : 9;
        return Math.Max(floor, (1 - Confidence - (others == 8 ? RunnerUpConfidence : 0)) / others);
    }
}

/// <summary>
/// One line of a card reading: its role, text and per-digit confidences, and whether something covers the card within
/// reach of its writing (<see cref="Covered"/>: a digit may be hidden; false in readings before card analyzer version 14).
/// </summary>
public sealed record CardLine(string Role, string Text, IReadOnlyList<ReadDigit> Digits, bool Covered = false)
{
    /// <summary>The weakest digit: a number is only as sure as its least sure digit.</summary>
    public double Confidence => Digits.Count == 0 ? 0 : Digits.Min(d => d.Confidence);
}

/// <summary>
/// What the card reader recorded for one photo (finding <see cref="FindingCode"/>: {found, quad, lines, confidence}).
/// </summary>
public sealed record CardReading(bool Found, IReadOnlyList<CardLine> Lines, double Confidence)
{
    /// <summary>The card reader's finding code (src/Athar.Cards, analyzer "card").</summary>
    public const string FindingCode = "card.reading";

    public static readonly CardReading NotFound = new(false, [], 0);

    public CardLine? Line(string role) => Lines.FirstOrDefault(l => l.Role == role);

    /// <summary>Parses the finding's data; a malformed line is dropped rather than trusted.</summary>
    public static CardReading FromJson(JsonObject data)
    {
        var found = data["found"] is JsonValue f && f.TryGetValue<bool>(out var b) && b;
        var lines = new List<CardLine>();
        if (data["lines"] is JsonArray array)
        {
            foreach (var node in array)
            {
                if (node is not JsonObject line) continue;
                var role = JsonFields.Text(line, "role");
                var text = JsonFields.Text(line, "text");
                if (role is null || !CardRole.All.Contains(role) || text is null) continue;
                var digits = new List<ReadDigit>();
                if (line["digits"] is JsonArray ds)
                    foreach (var d in ds)
                        if (d is JsonObject digit && JsonFields.Integer(digit, "digit") is { } value and >= 0 and <= 9)
                            digits.Add(JsonFields.Integer(digit, "runnerUp") is { } second and >= 0 and <= 9 && second != value
                                ? new ReadDigit((int)value, Number(digit["confidence"]), (int)second, Number(digit["runnerUpConfidence"]))
                                : new ReadDigit((int)value, Number(digit["confidence"])));
                // A line whose digits do not spell its text is inconsistent: keep the text, trust no digit.
                if (digits.Count != text.Length || !text.All(char.IsAsciiDigit)) digits = [.. text.Select(c => new ReadDigit(char.IsAsciiDigit(c) ? c - '0' : 0, 0))];
                var covered = line["covered"] is JsonValue flag && flag.TryGetValue<bool>(out var isCovered) && isCovered;
                lines.Add(new CardLine(role, text, digits, covered));
            }
        }
        return new CardReading(found && lines.Count > 0, lines, Number(data["confidence"]));
    }

    private static double Number(JsonNode? node)
    {
        if (node is not JsonValue v) return 0;
        if (v.TryGetValue<double>(out var d)) return Math.Clamp(d, 0, 1);
        return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 0, 1) : 0;
    }
}
