using System.CommandLine;
using System.Text.Json.Nodes;
using Athar.Cli.Hosting;
using Athar.Core.Custody;
using Athar.Storage.Fixity;

namespace Athar.Cli.Commands;

internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var sample = new Option<double?>("--sample") { Description = "check a random fraction of the items (0 < F <= 1)" };
        var command = new Command("verify", "re-read every stored original and check it against its digest, inventory and catalog") { sample };
        command.SetAction(parse =>
        {
            var fraction = parse.GetValue(sample) ?? 1.0;
            if (fraction is <= 0 or > 1) throw new CliException("--sample must be greater than 0 and at most 1", ExitCodes.Usage);
            using var archive = ArchiveAccess.Open(context, parse, writable: true);
            var verifier = new FixityVerifier(archive);
            var report = context.IsInteractive && !context.WantsJson(parse)
                ? ProgressDisplay.RunVerify(p => verifier.Run(fraction, progress: p))
                : verifier.Run(fraction);
            archive.Record([new CustodyEvent(CustodyEventTypes.VerificationRun, Actors.CurrentUser(),
                new JsonObject { ["archive"] = archive.ArchiveId },
                new JsonObject
                {
                    ["ok"] = report.Ok,
                    ["checked"] = report.Checked,
                    ["bytesChecked"] = report.BytesChecked,
                    ["sample"] = fraction,
                    ["problems"] = report.Problems.Count,
                    ["problemList"] = new JsonArray(report.Problems.Take(1000).Select(p => (JsonNode)new JsonObject
                    {
                        ["item"] = p.Item, ["path"] = p.Path, ["problem"] = p.Problem,
                    }).ToArray()),
                })]);
            LedgerHooks.AfterWrite(archive);
            if (context.WantsJson(parse))
            {
                context.WriteJson(new
                {
                    ok = report.Ok,
                    @checked = report.Checked,
                    problems = report.Problems.Select(p => new { item = p.Item, path = p.Path, problem = p.Problem }),
                });
            }
            else
            {
                foreach (var p in report.Problems) context.Fail($"{p.Path}: {p.Problem}");
                context.Out.WriteLine(report.Ok
                    ? $"ok: {report.Checked} items ({Format.Bytes(report.BytesChecked)}) match their recorded digests"
                    : $"PROBLEMS: {report.Problems.Count} found while checking {report.Checked} items");
            }
            return report.Ok ? ExitCodes.Ok : ExitCodes.Problems;
        });
        return command;
    }
}
