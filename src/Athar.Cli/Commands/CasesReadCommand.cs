using System.CommandLine;
using Athar.Cases.Editing;
using Athar.Cli.Hosting;
using Athar.Core.Custody;
using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Storage;

namespace Athar.Cli.Commands;

/// <summary>
/// `athar cases read`: the analysis pass first (the same as `athar analyze`, so the card reader and the metadata
/// and PDQ analyzers have looked at every photo), then grouping of the photos that are in no case yet.
/// </summary>
internal static class CasesReadCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("read", "read cards where missing, group photos that are in no case into cases, and re-vote machine-read numbers");
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: true);
            var actor = Actors.CurrentUser();
            var pass = AnalysisPass.Run(new ArchiveAnalysisStore(archive, actor), maxTier: CardReadingAnalyzer.Tier);
            var summary = new CaseBook(new ArchiveCaseStore(archive), actor).Read();
            var wrote = pass.RecordedAnything || summary.Created + summary.ItemsAdded + summary.NumbersReread > 0;
            if (wrote) LedgerHooks.AfterWrite(archive);
            var failures = pass.Items.Failures;
            if (context.WantsJson(parse))
            {
                context.WriteJson(new
                {
                    itemsAnalysed = pass.Items.ItemsAnalysed,
                    analysisFailures = failures.Select(f => new { item = f.ItemId, error = f.Error }),
                    photos = summary.Photos,
                    created = summary.Created,
                    itemsAdded = summary.ItemsAdded,
                    numbersReread = summary.NumbersReread,
                    cases = archive.Catalog.OpenCaseCount(),
                    unassigned = summary.Unassigned.Select(u => new { item = u.ItemId, reason = u.Reason }),
                    gapThresholdSeconds = summary.Thresholds.ToDictionary(t => t.Key, t => Math.Round(t.Value, 1)),
                });
            }
            else
            {
                foreach (var (item, error) in failures) context.Fail($"{item[..12]}: {error}");
                context.Out.WriteLine($"{pass.Items.ItemsAnalysed} items analysed; {summary.Photos} photos: {summary.Created} new cases, " +
                    $"{summary.ItemsAdded} photos added to existing cases, {summary.NumbersReread} cases re-read, {summary.Unassigned.Count} photos in no case; " +
                    $"{archive.Catalog.OpenCaseCount()} cases");
            }
            return failures.Count > 0 ? ExitCodes.Problems : ExitCodes.Ok;
        });
        return command;
    }
}
