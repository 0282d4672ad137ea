using System.CommandLine;
using System.Globalization;
using Athar.Cli.Hosting;
using Athar.Core.Custody;
using Athar.Core.Intake;
using Athar.Storage;

namespace Athar.Cli.Commands;

internal static class IngestCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "folders (walked as a drive), files, or ZIP archives", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string>("--source") { Description = "label of the drive or delivery, e.g. drive-07", Required = true };
        var custodian = new Option<string?>("--custodian") { Description = "who handed it over" };
        var received = new Option<string?>("--received") { Description = "when it was received (ISO 8601 date or time)" };
        var note = new Option<string?>("--note") { Description = "free text kept with every copy" };
        var command = new Command("ingest", "preserve files exactly as received, with provenance for every copy") { paths, source, custodian, received, note };
        command.SetAction(async (parse, cancel) =>
        {
            var label = parse.GetValue(source)!;
            if (SourceDescription.ValidateLabel(label) is { } labelError) throw new CliException("--source: " + labelError, ExitCodes.Usage);
            var receivedText = NormaliseDate(parse.GetValue(received));
            var description = new SourceDescription(label, parse.GetValue(custodian), receivedText, parse.GetValue(note));
            var inputs = parse.GetValue(paths)!;
            foreach (var input in inputs)
                if (!File.Exists(input) && !Directory.Exists(input) && !IsSymlink(input))
                    throw new CliException($"{input}: no such file or folder", ExitCodes.Usage);

            using var archive = ArchiveAccess.Open(context, parse, writable: true);
            var committer = new ArchiveIngestCommitter(archive, Actors.CurrentUser());
            var pipeline = new IngestPipeline(committer);
            IngestSummary summary;
            try
            {
                summary = context.IsInteractive && !context.WantsJson(parse)
                    ? await ProgressDisplay.RunIngestAsync(inputs, p => pipeline.RunAsync(inputs, description, p, cancel))
                    : await pipeline.RunAsync(inputs, description, null, cancel);
            }
            catch (IngestAbortedException e)
            {
                throw new CliException(e.Message, ExitCodes.Failure);
            }
            LedgerHooks.AfterWrite(archive);
            if (context.WantsJson(parse))
            {
                context.WriteJson(new
                {
                    filesSeen = summary.FilesSeen,
                    newItems = summary.NewItems,
                    duplicateCopies = summary.DuplicateCopies,
                    bytesStored = summary.BytesStored,
                    alreadyRecorded = summary.AlreadyRecorded,
                    symlinks = summary.Symlinks,
                    rejected = summary.Rejected.Select(r => new { path = r.Path, reason = r.Reason }),
                });
            }
            else
            {
                foreach (var r in summary.Rejected) context.Fail($"{r.Path}: {r.Reason}");
                context.Out.WriteLine($"{summary.FilesSeen} files seen: {summary.NewItems} new items ({Format.Bytes(summary.BytesStored)}), " +
                    $"{summary.DuplicateCopies} duplicate copies, {summary.Symlinks} symlinks recorded, {summary.Rejected.Count} rejected" +
                    (summary.AlreadyRecorded > 0 ? $", {summary.AlreadyRecorded} already recorded" : ""));
            }
            return summary.Rejected.Count > 0 ? ExitCodes.Problems : ExitCodes.Ok;
        });
        return command;
    }

    private static bool IsSymlink(string path) => new FileInfo(path).LinkTarget is not null;

    private static string? NormaliseDate(string? text)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        throw new CliException($"--received: '{text}' is not a date (use YYYY-MM-DD or an ISO 8601 time)", ExitCodes.Usage);
    }
}
