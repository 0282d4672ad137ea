using System.Globalization;
using Athar.Cases.Grouping;

namespace Athar.GroupingEval;

/// <summary>
/// Every boundary between consecutive photos of one camera that the grouping got wrong: two true cases in one
/// proposed case (MERGED) or one true case cut in two (SPLIT), each with the gap and the readings of the three
/// photos on either side (text and line confidence), the boundary's first photo marked with '>'.
/// </summary>
internal static class Diagnose
{
    public static void Write(IReadOnlyList<PhotoFacts> facts, IReadOnlyDictionary<string, string?> caseOf, GroupingResult grouping)
    {
        var predicted = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < grouping.Cases.Count; c++) foreach (var item in grouping.Cases[c].Items) predicted[item] = c;
        foreach (var camera in facts.Where(p => p.Camera is not null).GroupBy(p => p.Camera!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = CaseGrouper.ShootingOrder(camera);
            for (var i = 1; i < ordered.Count; i++)
            {
                var (a, b) = (ordered[i - 1], ordered[i]);
                if (caseOf.GetValueOrDefault(a.ItemId) is not { } trueA || caseOf.GetValueOrDefault(b.ItemId) is not { } trueB) continue;
                if (!predicted.TryGetValue(a.ItemId, out var caseA) || !predicted.TryGetValue(b.ItemId, out var caseB)) continue;
                if ((trueA == trueB) == (caseA == caseB)) continue;
                var gap = (b.Time - a.Time)?.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) ?? "?";
                Console.WriteLine($"{(trueA == trueB ? "SPLIT" : "MERGED")} {trueA} | {trueB}, gap {gap} s, camera {camera.Key}");
                for (var k = Math.Max(0, i - 3); k < Math.Min(ordered.Count, i + 3); k++)
                {
                    var card = ordered[k].Card is { Found: true } reading
                        ? string.Join(" ", reading.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Text}({l.Confidence:0.00})")))
                        : "no card";
                    Console.WriteLine($"  {(k == i ? '>' : ' ')} {caseOf.GetValueOrDefault(ordered[k].ItemId)} {card}");
                }
            }
        }
    }
}
