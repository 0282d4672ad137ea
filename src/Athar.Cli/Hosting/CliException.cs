namespace Athar.Cli.Hosting;

/// <summary>A failure the user should read as one line on stderr, with the exit code it maps to.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
