using Athar.Cases.Evaluation;
using Athar.Cases.Grouping;
using Athar.Cases.Model;
using Athar.Cases.Numbers;
using Athar.Synth.Output;

namespace Athar.CaseEval;

/// <summary>
/// The exact-read rate per number over cases: what an investigator is shown is a case's voted numbers, not a photo's.
/// </summary>
/// <remarks>
/// The archive's photos are grouped as `athar cases read` groups them (<see cref="CaseGrouper"/>, whose proposed
/// cases carry <see cref="NumberVote"/>'s numbers). Each true case of the ground truth is matched with the proposed
/// case that holds most of its card photos (ties: the one proposed first); a number counts as read exactly when that
/// case's machine-read value equals the card's, every digit, with no confirmation. A true case none of whose photos is
/// in a proposed case counts as not read. A proposed case that merges two bodies can be matched by both: it can be
/// right for at most one of them. The denominator is every true case with at least one card photo.
/// </remarks>
internal static class CaseLevel
{
    /// <param name="Legible">Per line: the cases whose number no cover hides (<see cref="Legibility"/>); all zero when the truth predates cardDigits.</param>
    /// <param name="ExactLegible">Per line: of those, the cases read exactly.</param>
    /// <param name="CleanReadable">Per line: legible numbers whose every digit the recogniser reads right as a clean MNIST image.</param>
    /// <param name="ConfidentWrong">Per line: numbers read wrong at a confidence of <see cref="CaseNumber.Sure"/> or more (nothing points a person at them).</param>
    /// <param name="DoubtedRight">Per line: numbers read right at a confidence under <see cref="CaseNumber.Sure"/> (marked for a closer look).</param>
    public sealed record Result(int Cases, int[] Exact, int AllExact, int Unmatched, IReadOnlyList<string> Misreads,
        int[] Legible, int[] ExactLegible, int[] CleanReadable, int[] ConfidentWrong, int[] DoubtedRight)
    {
        /// <summary>Pairwise precision and recall of the grouping over camera originals (docs/cases.md, "Evaluation"); null for the true grouping.</summary>
        public PairwiseScore? Grouping { get; init; }

        /// <summary>Proposed cases that hold camera originals of two or more bodies, and bodies spread over two or more proposed cases.</summary>
        public IReadOnlyList<string> GroupingErrors { get; init; } = [];
    }

    public static Result Score(GroundTruth truth, IReadOnlyList<ArchiveItem> items)
    {
        var grouping = new CaseGrouper().Group(items.Select(i => i.Facts));
        var caseOfItem = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < grouping.Cases.Count; c++)
            foreach (var id in grouping.Cases[c].Items) caseOfItem[id] = c;
        // Camera originals only, as bench/Athar.GroupingEval scores them ("originals"): foreign photos count with no case.
        var originals = items.Where(i => i.Files.Any(f => f.Kind == "original"))
            .ToDictionary(i => i.Sha256, i => i.Files.First(f => f.Kind == "original").Case, StringComparer.Ordinal);
        var predicted = caseOfItem.Where(kv => originals.ContainsKey(kv.Key))
            .ToDictionary(kv => kv.Key, kv => kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var pairs = PairwiseScore.Compute(predicted, originals);
        var errors = new List<string>();
        foreach (var proposed in predicted.GroupBy(kv => kv.Value).OrderBy(g => int.Parse(g.Key, System.Globalization.CultureInfo.InvariantCulture)))
        {
            var bodies = proposed.Select(kv => originals[kv.Key] ?? "(no case)").GroupBy(id => id).OrderBy(b => b.Key, StringComparer.Ordinal).ToList();
            if (bodies.Count > 1) errors.Add($"merged: {string.Join(", ", bodies.Select(b => $"{b.Key} ({b.Count()} photos)"))}");
        }
        foreach (var body in predicted.Where(kv => originals[kv.Key] is not null).GroupBy(kv => originals[kv.Key]!).OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var parts = body.GroupBy(kv => kv.Value).Select(g => g.Count()).ToList();
            if (parts.Count > 1) errors.Add($"split: {body.Key} into {parts.Count} cases ({string.Join(" + ", parts)} photos)");
        }
        return Compare(truth, items, trueCase =>
        {
            var votes = new Dictionary<int, int>();
            foreach (var id in trueCase) if (caseOfItem.TryGetValue(id, out var c)) votes[c] = votes.GetValueOrDefault(c) + 1;
            if (votes.Count == 0) return null;
            var best = votes.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
            return grouping.Cases[best].Numbers;
        }) with { Grouping = pairs, GroupingErrors = errors };
    }

    /// <summary>The same rate with the true grouping: the vote alone, over each true case's own photos (a diagnostic).</summary>
    public static Result ScoreTrueGrouping(GroundTruth truth, IReadOnlyList<ArchiveItem> items)
    {
        var facts = items.ToDictionary(i => i.Sha256, i => i.Facts, StringComparer.Ordinal);
        return Compare(truth, items, trueCase => NumberVote.Vote(trueCase.Select(id => facts[id].Card)));
    }

    private static Result Compare(GroundTruth truth, IReadOnlyList<ArchiveItem> items, Func<IReadOnlyList<string>, CaseNumbers?> numbersOf)
    {
        var photosOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var item in items)
            foreach (var file in item.Files.Where(CardEval.IsCardPhoto))
            {
                if (!photosOf.TryGetValue(file.Case!, out var list)) photosOf[file.Case!] = list = [];
                if (!list.Contains(item.Sha256)) list.Add(item.Sha256);
            }
        var exact = new int[3];
        int[] legible = new int[3], exactLegible = new int[3], readable = new int[3], confidentWrong = new int[3], doubtedRight = new int[3];
        int cases = 0, allExact = 0, unmatched = 0;
        var misreads = new List<string>();
        foreach (var trueCase in truth.Cases.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            if (!photosOf.TryGetValue(trueCase.Id, out var photos)) continue;
            cases++;
            var numbers = numbersOf(photos);
            if (numbers is null) unmatched++;
            string[] want = [trueCase.Card.Detainee, trueCase.Card.Branch, trueCase.Card.Report];
            var all = true;
            var why = new List<string>();
            for (var line = 0; line < 3; line++)
            {
                var right = numbers?[CardEval.Roles[line]].Value == want[line];
                // Each is asked once: clean readability runs the networks over every digit of the number.
                var legibleLine = Legibility.Legible(trueCase, line, want[line]);
                var clean = legibleLine == true && Legibility.CleanReadable(trueCase, line, want[line]);
                // Why a wrong number is wrong, as far as the truth tells: a digit under the cover, a sample the
                // networks misread even as its clean image, or neither (the photos: blur, light, cuts).
                if (!right) why.Add($"{CardEval.Roles[line]}: " + legibleLine switch
                {
                    false => "covered",
                    true => clean ? "read clean" : "misread clean",
                    null => "?",
                });
                var sure = numbers?[CardEval.Roles[line]] is { Value: not null } read && read.Confidence >= CaseNumber.Sure;
                if (right) exact[line]++;
                else all = false;
                if (!right && sure) confidentWrong[line]++;
                if (right && !sure) doubtedRight[line]++;
                if (legibleLine != true) continue;
                legible[line]++;
                if (right) exactLegible[line]++;
                if (clean) readable[line]++;
            }
            if (all) allExact++;
            else misreads.Add($"{trueCase.Id} ({photos.Count} photos): voted {(numbers is null ? "(no case)" : string.Join(" ", CardEval.Roles.Select(r => numbers[r].Value ?? "-")))}, card {string.Join(" ", want)} ({string.Join(", ", why)})");
        }
        return new Result(cases, exact, allExact, unmatched, misreads, legible, exactLegible, readable, confidentWrong, doubtedRight);
    }
}
