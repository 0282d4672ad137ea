using System.CommandLine;
using Athar.Cli.Hosting;
using Athar.Core.Custody;

namespace Athar.Cli.Commands;

internal static class RebuildCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("rebuild", "recreate the catalog from the custody ledger");
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: true);
            var replayed = archive.RebuildCatalog(Actors.CurrentUser());
            LedgerHooks.AfterWrite(archive);
            var counts = archive.Catalog.Counts();
            if (context.WantsJson(parse))
                context.WriteJson(new { entriesReplayed = replayed, items = counts.Items, copies = counts.Copies, sources = counts.Sources });
            else
                context.Out.WriteLine($"catalog rebuilt from {replayed} ledger entries: {counts.Items} items, {counts.Copies} copies, {counts.Sources} sources");
            return ExitCodes.Ok;
        });
        return command;
    }
}
