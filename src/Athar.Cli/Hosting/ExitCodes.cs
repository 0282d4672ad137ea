namespace Athar.Cli.Hosting;

/// <summary>The exit codes that scripts and the checks rely on (DESIGN.md, "The athar command").</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The check found problems: failed verification, corrupt or rejected input.</summary>
    public const int Problems = 1;
    public const int Usage = 2;
    public const int Failure = 3;
}
