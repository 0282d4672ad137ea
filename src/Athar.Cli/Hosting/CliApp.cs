using System.CommandLine;
using Athar.Cli.Commands;

namespace Athar.Cli.Hosting;

/// <summary>Builds the `athar` command tree and runs it, mapping every outcome to an exit code.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancel = default)
    {
        var context = new CliContext(output, error)
        {
            IsInteractive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected,
        };
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors) context.Fail(parseError.Message);
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancel);
        }
        catch (CliException e)
        {
            context.Fail(e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            context.Fail("cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            context.Fail(e.Message);
            return ExitCodes.Failure;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            context.Fail($"the catalog cannot be read ({e.Message}); 'athar rebuild' recreates it from the ledger");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not bad input: still one line and exit 3, never a crash dump in the middle of a custody run.
            context.Fail($"internal error ({e.GetType().Name}): {e.Message}; set ATHAR_DEBUG=1 for details");
            if (Environment.GetEnvironmentVariable("ATHAR_DEBUG") == "1") error.WriteLine(e);
            return ExitCodes.Failure;
        }
    }

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Athar: a forensic photo-evidence archive. Preserve, authenticate, organise, serve, hand over.");
        root.Add(context.ArchiveOption);
        root.Add(context.JsonOption);
        foreach (var command in CommandCatalog.All(context)) root.Add(command);
        return root;
    }
}
