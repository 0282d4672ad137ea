using System.Text.Json;
using Athar.Cli.Hosting;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

public sealed class SynthCommandTests
{
    private static async Task<(int Code, string Out, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Writes_an_archive_and_reports_counts_as_json()
    {
        using var dir = new TempDirectory("synth-cli");
        var (code, output, error) = await Run("synth", "--out", dir.Path, "--photos", "10", "--cameras", "2", "--drives", "2", "--resolution", "160x120", "--seed", "4", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(10, json.RootElement.GetProperty("photos").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("cameras").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("drives").GetInt32());
        Assert.True(json.RootElement.GetProperty("files").GetInt32() >= 10);
        Assert.True(json.RootElement.GetProperty("cases").GetInt32() >= 1);
        Assert.True(json.RootElement.GetProperty("seconds").GetDouble() >= 0);
        Assert.True(File.Exists(dir.Combine("ground-truth.json")));
    }

    [Theory]
    [InlineData("--resolution", "big")]
    [InlineData("--anomaly-types", "resaved,bogus")]
    [InlineData("--photos", "0")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        using var dir = new TempDirectory("synth-cli");
        var (code, _, error) = await Run("synth", "--out", dir.Path, "--resolution", "160x120", option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("athar: ", error);
    }

    [Fact]
    public async Task Out_is_required()
    {
        var (code, _, _) = await Run("synth");
        Assert.Equal(ExitCodes.Usage, code);
    }
}
