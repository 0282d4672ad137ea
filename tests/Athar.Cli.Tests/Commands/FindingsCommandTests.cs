using System.Text.Json.Nodes;
using Athar.Cli.Hosting;
using Athar.Cli.Tests.Support;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

/// <summary>`athar findings` after `athar analyze` on three camera originals: the --json contract of issue 5 and the filters.</summary>
public sealed class FindingsCommandTests : IDisposable
{
    // Canon EOS D60: Photoshop 7.0 re-save (edit.software alert, exif.modified-later warning); Nikon E885: a
    // Photoshop APP13 block (warning); Apple iPhone 4: nothing above notice.
    private static readonly string[] Photos = ["Canon EOS D60.jpg", "Nikon E885.jpg", "Apple iPhone 4.jpg"];
    private static readonly string[] Severities = ["info", "notice", "warning", "alert"];

    private readonly TempDirectory _temp = new("findings");
    private readonly AtharCli _athar;

    public FindingsCommandTests() => _athar = new AtharCli(_temp.Combine("archive"));

    public void Dispose() => _temp.Dispose();

    private async Task Analysed()
    {
        await _athar.Init();
        foreach (var name in Photos) _temp.WriteFile($"src/{name}", File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, name)));
        await _athar.Ingest(_temp.Combine("src"), "--source", "d1");
        var analyze = await _athar.Json("analyze");
        Assert.True(analyze.Exit == ExitCodes.Ok, analyze.ToString());
    }

    private async Task<JsonArray> Findings(params string[] args)
    {
        var run = await _athar.Json(["findings", .. args]);
        Assert.True(run.Exit == ExitCodes.Ok, run.ToString());
        return run.Json.AsArray();
    }

    [Fact]
    public async Task Json_rows_have_exactly_the_contract_fields_with_severity_as_text()
    {
        await Analysed();
        var all = await Findings();
        Assert.NotEmpty(all);
        foreach (var row in all.Select(r => r!.AsObject()))
        {
            Assert.Equal(["item", "code", "severity", "analyzer", "version", "explanation", "data"], row.Select(p => p.Key));
            Assert.Matches("^[0-9a-f]{64}$", row["item"]!.GetValue<string>());
            Assert.Contains(row["severity"]!.GetValue<string>(), Severities);
            Assert.True(row["version"]!.GetValue<long>() >= 1);
            Assert.IsType<JsonObject>(row["data"]);
            Assert.NotEmpty(row["explanation"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Severity_filters_this_severity_and_above()
    {
        await Analysed();
        var all = await Findings();
        static string Severity(JsonNode? row) => row!["severity"]!.GetValue<string>();
        var warningOrAbove = await Findings("--severity", "warning");
        Assert.Equal(all.Count(r => Severity(r) is "warning" or "alert"), warningOrAbove.Count);
        Assert.Contains(warningOrAbove, r => Severity(r) == "warning");
        Assert.Contains(warningOrAbove, r => Severity(r) == "alert");
        var alerts = await Findings("--severity", "alert");
        Assert.All(alerts, r => Assert.Equal("alert", Severity(r)));
        Assert.Equal(all.Count, (await Findings("--severity", "info")).Count);
    }

    [Fact]
    public async Task Code_filters_one_code_and_combines_with_severity()
    {
        await Analysed();
        var edits = await Findings("--code", "edit.software");
        Assert.Single(edits);
        Assert.Equal("alert", edits[0]!["severity"]!.GetValue<string>());
        Assert.Empty(await Findings("--code", "pdq.hash", "--severity", "notice"));
    }

    [Fact]
    public async Task An_unknown_severity_is_a_usage_error()
    {
        await _athar.Init();
        var run = await _athar.Json("findings", "--severity", "loud");
        Assert.Equal(ExitCodes.Usage, run.Exit);
    }
}
