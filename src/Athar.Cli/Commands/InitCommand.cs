using System.CommandLine;
using Athar.Cli.Hosting;
using Athar.Storage;

namespace Athar.Cli.Commands;

internal static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("init", "create an empty archive (refuses, changing nothing, if one exists)");
        command.SetAction(parse =>
        {
            var root = context.ResolveArchive(parse);
            AtharArchive archive;
            try
            {
                archive = AtharArchive.Init(root);
            }
            catch (IOException e)
            {
                throw new CliException(e.Message, ExitCodes.Failure);
            }
            using (archive)
            {
                if (context.WantsJson(parse))
                    context.WriteJson(new { archive = archive.Layout.Root, archiveId = archive.ArchiveId, ledgerSize = archive.Ledger.Size });
                else
                    context.Out.WriteLine($"created archive {archive.Layout.Root} (id {archive.ArchiveId})");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
