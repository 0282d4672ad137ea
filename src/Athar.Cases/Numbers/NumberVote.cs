using Athar.Cases.Grouping;
using Athar.Cases.Model;
using Athar.Core.Analysis;

namespace Athar.Cases.Numbers;

/// <summary>
/// A case's numbers from the card readings of its photos: per digit, the digit the readings together make most
/// likely. Each photo shows the same card, so readings of it are independent looks at one number.
/// </summary>
/// <remarks>
/// Per line (detainee, branch, report):
/// <list type="number">
/// <item>The length: each reading votes for its length with its line confidence (the weakest digit's), and the
/// heaviest length wins unless a longer one has at least <see cref="LongerLengthShare"/> of the weight, or a sure
/// reading (<see cref="CaseNumber.Sure"/>) surer than all of the heaviest length's (then the longest such). Where the card
/// form fixes the length (<see cref="FormLength"/>: the branch's three digits) and some reading has it, only such
/// readings vote.</item>
/// <item>Each position, among readings of the winning length (the first of a longer number never 0:
/// <see cref="CardForm.LowestLeadingDigit"/>): each reading gives every digit a probability (its own
/// for the digit it read, the runner-up's for its second choice, the rest shared by the others:
/// <see cref="ReadDigit.Probability"/>), and the digit with the greatest sum of log-probabilities wins (ties: the
/// smaller digit, so the result is deterministic). A digit three photos read at 0.4 each, with a runner-up at 0.35,
/// can lose to the runner-up that a fourth photo read at 0.7: a confidence-weighted majority of first choices
/// could not see that (docs/cards.md, "The vote over second choices").</item>
/// <item>Confidence of a position = share × strength, where share = the winner's weight / all weight (weights: each
/// reading's first and second choice with their probabilities; do the looks agree?) and strength = 1 − Π(1 − pᵢ)
/// over the readings' probabilities for the winner (independent looks that could each be wrong). The number's
/// confidence is its weakest position times the length's share.</item>
/// <item>A cover: when at least half of the readings with this line saw something cover the card near its writing
/// (<see cref="CardLine.Covered"/>), the confidence is at most <see cref="CoveredCeiling"/>. The photos of one body
/// show the same cover, so they are not independent looks at what lies under it: five photos that each read
/// `8134` where the cover hides the `9` of `98134` agree perfectly, and the product above would call the number sure.</item>
/// </list>
/// Weights have a floor of 0.01 so that a reader reporting zero confidence still counts as one weak look.
/// </remarks>
public static class NumberVote
{
    /// <summary>The vote's name, recorded with <see cref="Version"/> in every custody event whose numbers it made.</summary>
    public const string Algorithm = "athar-number-vote";

    /// <summary>
    /// Raise when the same readings could vote a different number or confidence (docs/cases.md, "Custody events").
    /// Version 1 is the vote of grouping version 7; earlier votes were not versioned. Version 2: a number never begins
    /// with 0.
    /// </summary>
    public const int Version = 2;

    private const double Floor = 0.01;

    /// <summary>
    /// The most a number whose line a cover reaches can be trusted: well under <see cref="CaseNumber.Sure"/>, so the
    /// queue marks it and a person checks the card where the cover meets the writing (docs/cards.md, "A cover over the
    /// writing").
    /// </summary>
    public const double CoveredCeiling = 0.5;

    /// <summary>
    /// The share of the readings' weight that makes a longer length win over a heavier, shorter one. Readings lose
    /// digits far more often than they gain one (under a cover, in a shadow, two digits cut as one: on the
    /// 10,000-photo evaluation archive 123 detainee lines read one digit short and 19 one digit long), so a length
    /// that a quarter of the looks saw is more likely the card's than a shorter majority (docs/cards.md, "Two networks").
    /// </summary>
    public const double LongerLengthShare = 0.25;

    /// <summary>
    /// The length the card form fixes for a line (<see cref="CardForm.BranchDigits"/> for the branch), or null: detainee
    /// and report numbers vary in length. The card reader trims a longer branch reading to that length.
    /// </summary>
    public static int? FormLength(string role) => role == CardRole.Branch ? CardForm.BranchDigits : null;

    /// <summary>
    /// Whether a cover reaches this line's writing in at least half of the readings that vote on it: then the number's
    /// confidence is held at <see cref="CoveredCeiling"/>, and the transcription queue says a digit may be hidden.
    /// </summary>
    public static bool CoverReaches(IEnumerable<CardReading?> readings, string role) =>
        CoverReaches(Voters(Found(readings), role));

    private static bool CoverReaches(List<CardLine> lines) => lines.Count > 0 && 2 * lines.Count(l => l.Covered) >= lines.Count;

    /// <summary>The lines that vote on <paramref name="role"/>: those read as digits.</summary>
    private static List<CardLine> Voters(IReadOnlyList<CardReading> readings, string role) =>
        readings.Select(r => r.Line(role)).Where(l => l is { Text.Length: > 0 } && l.Text.All(char.IsAsciiDigit)).Select(l => l!).ToList();

    /// <summary>The readings in which a card was found.</summary>
    private static List<CardReading> Found(IEnumerable<CardReading?> readings) => [.. readings.Where(r => r is { Found: true }).Select(r => r!)];

    public static CaseNumbers Vote(IEnumerable<CardReading?> readings)
    {
        var found = Found(readings);
        return new CaseNumbers(VoteLine(found, CardRole.Detainee), VoteLine(found, CardRole.Branch), VoteLine(found, CardRole.Report));
    }

    public static CaseNumber VoteLine(IReadOnlyList<CardReading> readings, string role)
    {
        var lines = Voters(readings, role);
        if (lines.Count == 0) return CaseNumber.Unread;
        var covered = CoverReaches(lines);

        // A length the card form rules out (a branch number read as two digits: an end digit lost under a cover or
        // a shadow) votes for no length while a reading of the form's length exists.
        if (FormLength(role) is { } form && lines.Exists(l => l.Text.Length == form)) lines = lines.FindAll(l => l.Text.Length == form);
        var byLength = lines.GroupBy(l => l.Text.Length)
            .Select(g => (Length: g.Key, Weight: g.Sum(l => Math.Max(Floor, l.Confidence)), Surest: g.Max(l => l.Confidence)))
            .OrderByDescending(g => g.Weight).ThenByDescending(g => g.Length).ToList();
        var allWeight = byLength.Sum(g => g.Weight);
        var (length, lengthWeight, heaviestSurest) = byLength[0];
        // A longer length also wins when one of its readings is sure and surer than every reading of the heaviest: a
        // digit gained is a speck or half of a digit and is read weakly, so such a reading has gained none, whatever its
        // share of the weight (`90791` read `9091` at 0.87-0.9 in four photos of five and `90791` at 0.97 in the fifth;
        // docs/cards.md, "A sure longer reading").
        foreach (var (l, w, surest) in byLength)
            if (l > length && (w >= LongerLengthShare * allWeight || (surest >= CaseNumber.Sure && surest > heaviestSurest))) (length, lengthWeight) = (l, w);
        var lengthShare = lengthWeight / allWeight;
        var voters = lines.Where(l => l.Text.Length == length).ToList();

        var digits = new char[length];
        var confidence = 1.0;
        Span<double> weight = stackalloc double[10];
        Span<double> likelihood = stackalloc double[10];
        for (var p = 0; p < length; p++)
        {
            weight.Clear();
            likelihood.Clear();
            foreach (var line in voters)
            {
                var digit = line.Digits[p];
                weight[digit.Digit] += Math.Max(Floor, digit.Confidence);
                if (digit.RunnerUp is >= 0 and <= 9 && digit.RunnerUp != digit.Digit) weight[digit.RunnerUp] += Math.Clamp(digit.RunnerUpConfidence, 0, 1);
                for (var d = 0; d < 10; d++) likelihood[d] += Math.Log(digit.Probability(d));
            }
            // A first digit the form rules out (a leading 0) never wins; the readings that saw it still weigh against
            // the winner, so such a number is left for a person to check.
            var lowest = p == 0 && length > 1 ? CardForm.LowestLeadingDigit : 0;
            var best = lowest;
            for (var d = lowest + 1; d < 10; d++) if (likelihood[d] > likelihood[best]) best = d;
            var total = 0.0;
            foreach (var w in weight) total += w;
            var missed = 1.0;
            foreach (var line in voters) missed *= 1 - Math.Clamp(line.Digits[p].Probability(best), 0, 1);
            digits[p] = (char)('0' + best);
            confidence = Math.Min(confidence, weight[best] / total * (1 - missed));
        }
        confidence *= lengthShare;
        return new CaseNumber(new string(digits), covered ? Math.Min(confidence, CoveredCeiling) : confidence, NumberStatus.MachineRead);
    }
}
