using System.CommandLine;
using Athar.Cli.Hosting;

namespace Athar.Cli.Commands;

/// <summary>Every top-level command, one file each. Add a line here when you add a command.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All(CliContext context)
    {
        yield return InitCommand.Create(context);
        yield return IngestCommand.Create(context);
        yield return VerifyCommand.Create(context);
        yield return StatusCommand.Create(context);
        yield return ItemsCommand.Create(context);
        yield return ShowCommand.Create(context);
        yield return RebuildCommand.Create(context);
        yield return LedgerCommand.Create(context);
        yield return OcflCommand.Create(context);
        yield return SynthCommand.Create(context);
        yield return DemoCommand.Create(context);
        yield return AnalyzeCommand.Create(context);
        yield return FindingsCommand.Create(context);
        yield return CamerasCommand.Create(context);
        yield return PdqCommand.Create(context);
        yield return CasesCommand.Create(context);
        yield return BankCommand.Create(context);
        yield return EvalCommand.Create(context);
        yield return ServeCommand.Create(context);
        yield return UserCommand.Create(context);
    }
}
