using System.Diagnostics;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Keys;

/// <summary>Runs the <c>openssl</c> command line; skips the test when it is missing (fails under CI=true).</summary>
internal static class OpenSslCli
{
    private static readonly Lazy<string?> Executable = new(Find);

    public static string Require()
    {
        if (Executable.Value is { } path) return path;
        const string message = "openssl is not installed (apt-get install -y openssl)";
        if (TestData.IsCi) throw new InvalidOperationException(message);
        Assert.Skip(message);
        return "";
    }

    /// <summary>Runs openssl with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, byte[]? stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo(Require())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>As <see cref="Run"/>, but throws with openssl's output when it fails.</summary>
    public static string Check(string workingDirectory, params string[] arguments)
    {
        var (code, output) = Run(workingDirectory, null, arguments);
        if (code != 0) throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed ({code}): {output}");
        return output;
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "openssl.exe" : "openssl");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
