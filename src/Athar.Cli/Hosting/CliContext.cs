using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Athar.Cli.Hosting;

/// <summary>
/// What every command needs from its host: where output goes, whether it is JSON, and which archive.
/// Tests run commands in-process with their own writers.
/// </summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public Option<string?> ArchiveOption { get; } = new("--archive")
    {
        Description = "archive folder (default: $ATHAR_ARCHIVE, else ./archive)",
        Recursive = true,
    };

    public Option<bool> JsonOption { get; } = new("--json")
    {
        Description = "write one JSON document to stdout",
        Recursive = true,
    };

    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>True when stdout is a person's terminal (progress bars); false for pipes, files and tests.</summary>
    public bool IsInteractive { get; init; }

    public bool WantsJson(ParseResult parse) => parse.GetValue(JsonOption);

    public string ResolveArchive(ParseResult parse)
    {
        var explicitPath = parse.GetValue(ArchiveOption);
        if (!string.IsNullOrWhiteSpace(explicitPath)) return Path.GetFullPath(explicitPath);
        var fromEnvironment = Environment.GetEnvironmentVariable("ATHAR_ARCHIVE");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        return Path.GetFullPath("archive");
    }

    public void WriteJson<T>(T value)
    {
        Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
        Out.Flush();
    }

    /// <summary>One clear line on stderr.</summary>
    public void Fail(string line)
    {
        Error.WriteLine("athar: " + line);
        Error.Flush();
    }
}
