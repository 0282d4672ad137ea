using Athar.Cases.Grouping;
using Athar.Cases.Model;
using Athar.Synth.Output;

namespace Athar.GroupingEval;

/// <summary>The ground truth seen as the grouping's inputs: each item's true case, and a perfect card reading of it.</summary>
internal static class GroundTruthCards
{
    /// <summary>Item id → true case (null: foreign photos and non-photos), from the first file with that digest.</summary>
    public static Dictionary<string, string?> CaseOfItem(GroundTruth truth)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var file in truth.Files) result.TryAdd(file.Sha256, file.Case);
        return result;
    }

    /// <summary>Item id → file kind (original, copy, derived, other), from the first file with that digest.</summary>
    public static Dictionary<string, string> KindOfItem(GroundTruth truth)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in truth.Files.OrderBy(f => f.Kind == "original" ? 0 : 1)) result.TryAdd(file.Sha256, file.Kind);
        return result;
    }

    /// <summary>A reading of the true card, every digit at confidence 1: what a perfect reader would record for an original photo.</summary>
    public static Dictionary<string, CardReading> PerfectReadings(GroundTruth truth)
    {
        var cards = truth.Cases.ToDictionary(c => c.Id, c => c.Card, StringComparer.Ordinal);
        var result = new Dictionary<string, CardReading>(StringComparer.Ordinal);
        foreach (var file in truth.Files)
        {
            if (file.Kind != "original" || file.Case is null || !cards.TryGetValue(file.Case, out var card)) continue;
            result.TryAdd(file.Sha256, new CardReading(true,
                [Line(CardRole.Detainee, card.Detainee), Line(CardRole.Branch, card.Branch), Line(CardRole.Report, card.Report)], 1));
        }
        return result;
    }

    private static CardLine Line(string role, string text) => new(role, text, [.. text.Select(c => new ReadDigit(c - '0', 1))]);
}
