using System.CommandLine;
using Athar.Cli.Hosting;

namespace Athar.Cli.Commands;

/// <summary>Every top-level command, one file each. Add a line here when you add a command.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All(CliContext context)
    {
        yield return SynthCommand.Create(context);
    }
}
