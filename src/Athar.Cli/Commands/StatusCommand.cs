using System.CommandLine;
using Athar.Cli.Hosting;

namespace Athar.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("status", "counts: items, copies, sources, bytes, findings, cases, ledger size");
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            var counts = archive.Catalog.Counts();
            var status = new
            {
                items = counts.Items,
                copies = counts.Copies,
                sources = counts.Sources,
                bytes = counts.Bytes,
                ledgerSize = archive.Ledger.Size,
                findings = archive.Catalog.FindingCount(),
                cases = archive.Catalog.OpenCaseCount(),
            };
            if (context.WantsJson(parse))
            {
                context.WriteJson(status);
                return ExitCodes.Ok;
            }
            context.Out.WriteLine($"archive   {archive.Layout.Root}");
            context.Out.WriteLine($"items     {counts.Items} ({Format.Bytes(counts.Bytes)})");
            context.Out.WriteLine($"copies    {counts.Copies}");
            context.Out.WriteLine($"sources   {counts.Sources}");
            context.Out.WriteLine($"symlinks  {counts.Symlinks}");
            context.Out.WriteLine($"rejected  {counts.Rejections}");
            var bySeverity = archive.Catalog.FindingCountsBySeverity();
            context.Out.WriteLine($"findings  {status.findings} (alert {bySeverity[3]}, warning {bySeverity[2]}, notice {bySeverity[1]}, info {bySeverity[0]})");
            context.Out.WriteLine($"cases     {status.cases}");
            context.Out.WriteLine($"ledger    {archive.Ledger.Size} entries");
            return ExitCodes.Ok;
        });
        return command;
    }
}
