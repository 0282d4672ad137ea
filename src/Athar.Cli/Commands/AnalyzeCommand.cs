using System.CommandLine;
using Athar.Cli.Hosting;
using Athar.Core.Custody;
using Athar.Forensics.Analysis;
using Athar.Storage;

namespace Athar.Cli.Commands;

internal static class AnalyzeCommand
{
    public static Command Create(CliContext context)
    {
        var tier = new Option<int>("--tier") { Description = "run analyzers up to this cost tier (1: cheap, every photo)", DefaultValueFactory = _ => 1 };
        var command = new Command("analyze", "run the analyzers whose results are missing or from an older version") { tier };
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: true);
            var store = new ArchiveAnalysisStore(archive, Actors.CurrentUser());
            var maxTier = parse.GetValue(tier);
            // A bar only for a person at a terminal; --json and pipes get the summary alone.
            var pass = context.IsInteractive && !context.WantsJson(parse)
                ? ProgressDisplay.RunAnalysis(p => AnalysisPass.Run(store, maxTier, p))
                : AnalysisPass.Run(store, maxTier);
            var summary = pass.Items;
            if (pass.RecordedAnything) LedgerHooks.AfterWrite(archive);
            if (context.WantsJson(parse))
            {
                context.WriteJson(new
                {
                    itemsSeen = summary.ItemsSeen,
                    itemsAnalysed = summary.ItemsAnalysed,
                    results = summary.Results,
                    findings = summary.Findings,
                    failures = summary.Failures.Select(f => new { item = f.ItemId, error = f.Error }),
                    archive = pass.Archive.Select(a => new { analyzer = a.Analyzer, version = a.Version, ran = a.Ran, items = a.Items, changed = a.Changed, findings = a.Findings, inputDigest = a.InputDigest }),
                });
            }
            else
            {
                foreach (var (item, error) in summary.Failures) context.Fail($"{item[..12]}: {error}");
                context.Out.WriteLine($"{summary.ItemsAnalysed} of {summary.ItemsSeen} items needed analysis: {summary.Results} results, {summary.Findings} findings" +
                    (summary.Failures.Count > 0 ? $", {summary.Failures.Count} failures" : ""));
                foreach (var run in pass.Archive)
                    context.Out.WriteLine(run.Ran
                        ? $"{run.Analyzer} {run.Version}: {run.Items} items, {run.Findings} findings, {run.Changed} items changed"
                        : $"{run.Analyzer} {run.Version}: up to date");
            }
            return summary.Failures.Count > 0 ? ExitCodes.Problems : ExitCodes.Ok;
        });
        return command;
    }
}
