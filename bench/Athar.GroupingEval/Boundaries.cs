using System.Globalization;
using Athar.Cases.Grouping;

namespace Athar.GroupingEval;

/// <summary>
/// Writes every boundary between consecutive photos of one camera (in shooting order) as CSV: camera, gap in
/// seconds, PDQ distance, file-number step, and whether the ground truth puts both in one case. This is the
/// data behind the thresholds in docs/cases.md.
/// </summary>
internal static class Boundaries
{
    public static void Write(string path, IReadOnlyList<PhotoFacts> facts, IReadOnlyDictionary<string, string?> caseOf)
    {
        using var output = new StreamWriter(path);
        output.WriteLine("camera,gapSeconds,pdqDistance,fileStep,sameCase");
        foreach (var camera in facts.Where(p => p.Camera is not null).GroupBy(p => p.Camera!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = CaseGrouper.ShootingOrder(camera);
            for (var i = 1; i < ordered.Count; i++)
            {
                var (a, b) = (ordered[i - 1], ordered[i]);
                var gap = a.Time is { } ta && b.Time is { } tb ? (tb - ta).TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) : "";
                var same = caseOf.GetValueOrDefault(a.ItemId) is { } ca && ca == caseOf.GetValueOrDefault(b.ItemId);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{camera.Key},{gap},{a.PdqDistance(b)},{b.FileNumber - a.FileNumber},{(same ? 1 : 0)}"));
            }
        }
    }
}
