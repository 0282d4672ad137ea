using System.CommandLine;
using Athar.Cases.Model;
using Athar.Cli.Hosting;
using Athar.Storage;

namespace Athar.Cli.Commands;

/// <summary>`athar cases`: list victim cases; `cases read | confirm | merge | split | move` change them (docs/cases.md).</summary>
internal static class CasesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("cases", "victim cases: list them, read cards and group new photos, confirm, merge, split, move");
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            var cases = new ArchiveCaseStore(archive).OpenCases();
            if (context.WantsJson(parse))
            {
                context.WriteJson(cases.Select(CaseJson.Of).ToList());
                return ExitCodes.Ok;
            }
            foreach (var c in cases) context.Out.WriteLine(CaseJson.Line(c));
            context.Out.WriteLine($"{cases.Count} cases, {cases.Count(c => c.Status == NumberStatus.Confirmed)} confirmed");
            return ExitCodes.Ok;
        });
        command.Add(CasesReadCommand.Create(context));
        foreach (var edit in CasesEditCommands.Create(context)) command.Add(edit);
        return command;
    }
}
