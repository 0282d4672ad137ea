using System.Text.Json;
using Athar.Cli.Hosting;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

/// <summary>`athar pdq FILE...`, run in-process on the PDQ reference images.</summary>
public sealed class PdqCommandTests
{
    private static string Original => Path.Combine(TestData.Pdq, "reg-test-input", "dih", "bridge-1-original.jpg");

    private static string Rotated => Path.Combine(TestData.Pdq, "reg-test-input", "dih", "bridge-2-rotate-90.jpg");

    // From pdq/expected-reference.csv (Meta's pdq-photo-hasher).
    private const string OriginalReferenceHash = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";

    [Fact]
    public async Task Prints_hash_quality_path_lines_in_argument_order()
    {
        var (exit, stdout, stderr) = await Run("pdq", Original, Rotated);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("", stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches("^[0-9a-f]{64},100,", lines[0]);
        Assert.EndsWith("," + Original, lines[0], StringComparison.Ordinal);
        Assert.EndsWith("," + Rotated, lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Full_decode_prints_the_reference_hash()
    {
        var (exit, stdout, _) = await Run("pdq", "--full-decode", Original);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal($"{OriginalReferenceHash},100,{Original}", stdout.Trim());
    }

    [Fact]
    public async Task Json_gives_path_hash_quality_and_eight_dihedral_hashes()
    {
        var (exit, stdout, _) = await Run("pdq", "--json", Original);

        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(stdout);
        var entry = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(["path", "hash", "quality", "dihedral"], entry.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(Original, entry.GetProperty("path").GetString());
        Assert.Equal(100, entry.GetProperty("quality").GetInt32());
        var dihedral = entry.GetProperty("dihedral").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(8, dihedral.Length);
        Assert.Equal(entry.GetProperty("hash").GetString(), dihedral[0]);
        Assert.All(dihedral, h => Assert.Matches("^[0-9a-f]{64}$", h));
    }

    [Fact]
    public async Task Undecodable_file_is_named_on_stderr_and_the_rest_go_on()
    {
        using var temp = new TempDirectory("pdq-cli");
        var broken = temp.WriteFile("broken.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46]);
        var missing = temp.Combine("missing.jpg");

        var (exit, stdout, stderr) = await Run("pdq", broken, Original, missing);

        Assert.Equal(ExitCodes.Problems, exit);
        Assert.EndsWith("," + Original, stdout.Trim(), StringComparison.Ordinal);
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, errors.Length);
        Assert.Contains(broken, errors[0], StringComparison.Ordinal);
        Assert.Contains(missing, errors[1], StringComparison.Ordinal);
        Assert.Contains("no such file", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_still_lists_the_good_files_when_one_fails()
    {
        using var temp = new TempDirectory("pdq-cli");
        var broken = temp.WriteFile("broken.jpg", [0x00, 0x01, 0x02]);

        var (exit, stdout, stderr) = await Run("--json", "pdq", Original, broken);

        Assert.Equal(ExitCodes.Problems, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Single(json.RootElement.EnumerateArray());
        Assert.Contains(broken, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_file_is_a_usage_error()
    {
        var (exit, _, stderr) = await Run("pdq");

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
