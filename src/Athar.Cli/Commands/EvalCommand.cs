using System.CommandLine;
using System.Globalization;
using Athar.Cli.Hosting;
using Athar.Forensics.Evaluation;

namespace Athar.Cli.Commands;

/// <summary>
/// `athar eval near-duplicates --truth ground-truth.json`: scores the archive's near-duplicate groups against a
/// synthetic archive's ground truth (pairs of items; <see cref="NearDuplicateScore"/>). For bench/eval-tier1.sh.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("eval", "score analysis results against a synthetic archive's ground truth");
        command.Add(NearDuplicates(context));
        return command;
    }

    private static Command NearDuplicates(CliContext context)
    {
        var truth = new Option<string>("--truth") { Description = "ground-truth.json written by 'athar synth'", Required = true };
        var command = new Command("near-duplicates", "precision and recall of near-duplicate groups, over pairs of items") { truth };
        command.SetAction(parse =>
        {
            var truthPath = parse.GetValue(truth)!;
            if (!File.Exists(truthPath)) throw new CliException($"{truthPath}: no such file", ExitCodes.Usage);
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            var score = NearDuplicateScore.Score(truthPath, archive.Catalog.NearDuplicateGroups());
            if (context.WantsJson(parse))
            {
                context.WriteJson(new
                {
                    precision = score.Precision, recall = score.Recall, truePairs = score.TruePairs, predictedPairs = score.PredictedPairs,
                    correctPairs = score.CorrectPairs,
                    byDerivation = score.ByDerivation.Select(d => new { derivation = d.Derivation, pairs = d.Pairs, found = d.Found, recall = d.Recall }),
                });
                return ExitCodes.Ok;
            }
            var c = CultureInfo.InvariantCulture;
            context.Out.WriteLine(string.Create(c, $"near-duplicates  precision {score.Precision:F3}  recall {score.Recall:F3}  ({score.CorrectPairs} of {score.PredictedPairs} predicted pairs correct, {score.TruePairs} true pairs)"));
            foreach (var d in score.ByDerivation)
                context.Out.WriteLine(string.Create(c, $"  {d.Derivation,-14} recall {d.Recall:F3}  ({d.Found} of {d.Pairs})"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
