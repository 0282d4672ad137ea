using System.CommandLine;
using Athar.Cli.Hosting;
using Athar.Storage;
using Athar.Storage.Ledger;

namespace Athar.Cli.Commands;

internal static class LedgerVerifyCommand
{
    public static Command Create(CliContext context)
    {
        var offline = new Option<string?>("--offline") { Description = "check a folder written by 'athar ledger export' instead of the archive" };
        var command = new Command("verify", "recompute the tree, check every checkpoint and cross-check the catalog") { offline };
        command.SetAction(parse =>
        {
            LedgerReport report;
            var exportFolder = parse.GetValue(offline);
            if (exportFolder is not null)
            {
                var pem = Path.Combine(exportFolder, LedgerExport.PublicKeyFile);
                var name = Path.Combine(exportFolder, LedgerExport.KeyNameFile);
                if (!File.Exists(pem) || !File.Exists(name) || !File.Exists(Path.Combine(exportFolder, "entries.jsonl")))
                    throw new CliException($"{exportFolder}: not a ledger export (entries.jsonl, {LedgerExport.PublicKeyFile} and {LedgerExport.KeyNameFile} expected)", ExitCodes.Failure);
                report = new LedgerVerifier().Verify(Path.Combine(exportFolder, "entries.jsonl"), Path.Combine(exportFolder, "checkpoints"),
                    File.ReadAllText(name).Trim(), File.ReadAllText(pem));
            }
            else
            {
                try
                {
                    report = AtharArchive.VerifyLedger(context.ResolveArchive(parse));
                }
                catch (ArchiveNotFoundException e)
                {
                    throw new CliException(e.Message, ExitCodes.Failure);
                }
            }
            if (context.WantsJson(parse))
            {
                context.WriteJson(new
                {
                    ok = report.Ok,
                    entries = report.Entries,
                    checkpoints = report.Checkpoints,
                    timestamps = report.Timestamps,
                    problems = report.Problems.Select(p => new { kind = p.Kind, message = p.Message }),
                });
            }
            else
            {
                foreach (var p in report.Problems) context.Fail($"{p.Kind}: {p.Message}");
                context.Out.WriteLine(report.Ok
                    ? $"ok: {report.Entries} entries, {report.Checkpoints} signed checkpoints verified" + (report.Timestamps > 0 ? $", {report.Timestamps} timestamps" : "")
                    : $"LEDGER PROBLEMS: {report.Problems.Count}");
            }
            return report.Ok ? ExitCodes.Ok : ExitCodes.Problems;
        });
        return command;
    }
}
