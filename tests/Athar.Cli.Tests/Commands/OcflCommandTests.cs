using System.Text.Json;
using Athar.Cli.Hosting;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

/// <summary>`athar ocfl validate PATH`, run in-process on the official OCFL 1.1 fixtures.</summary>
public sealed class OcflCommandTests
{
    private static string GoodObject => Path.Combine(TestData.OcflFixtures, "good-objects", "spec-ex-full");

    private static string BadObject => Path.Combine(TestData.OcflFixtures, "bad-objects", "E040_wrong_head_format");

    [Fact]
    public async Task Good_object_exits_0_with_valid_json()
    {
        var (exit, stdout, _) = await Run("--json", "ocfl", "validate", GoodObject);

        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("errors").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public async Task Bad_object_exits_1_and_reports_its_code_in_json()
    {
        var (exit, stdout, _) = await Run("ocfl", "validate", BadObject, "--json");

        Assert.Equal(ExitCodes.Problems, exit);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        var first = root.GetProperty("errors")[0];
        Assert.Equal("E040", first.GetProperty("code").GetString());
        Assert.Contains("inventory.json", first.GetProperty("message").GetString(), StringComparison.Ordinal);
        // The document has exactly the three documented fields, and issues exactly code and message.
        Assert.Equal(["valid", "errors", "warnings"], root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["code", "message"], first.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task Bad_object_in_human_form_lists_issues_then_a_count()
    {
        var (exit, stdout, _) = await Run("ocfl", "validate", BadObject);

        Assert.Equal(ExitCodes.Problems, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("E040 inventory.json: ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^invalid: \d+ errors?, \d+ warnings?$", lines[^1]);
    }

    [Fact]
    public async Task Good_object_in_human_form_ends_with_valid()
    {
        var (exit, stdout, _) = await Run("ocfl", "validate", GoodObject);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("valid", stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]);
    }

    [Fact]
    public async Task Missing_path_exits_3_with_one_line_on_stderr()
    {
        using var temp = new TempDirectory("ocfl-cli");
        var missing = temp.Combine("no-such-object");

        var (exit, stdout, stderr) = await Run("ocfl", "validate", missing);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Equal("", stdout);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_argument_is_a_usage_error()
    {
        var (exit, _, stderr) = await Run("ocfl", "validate");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.NotEqual("", stderr);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
