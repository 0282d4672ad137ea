using System.Text.Json.Nodes;
using Athar.Cases.Evaluation;
using Athar.Cli.Hosting;
using Athar.Cli.Tests.Support;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

/// <summary>`athar cases`, `cases read` and the edits, on a small synthetic archive (docs/cases.md).</summary>
public sealed class CasesCommandTests(CasesArchiveFixture fixture) : IClassFixture<CasesArchiveFixture>
{
    private AtharCli Cli => new(fixture.Archive);

    private static async Task<JsonArray> Cases(AtharCli cli)
    {
        var run = await cli.Json("cases");
        Assert.True(run.Exit == 0, run.ToString());
        return run.Json.AsArray();
    }

    private static async Task<List<JsonObject>> Ledger(AtharCli cli, string type)
    {
        var entries = File.ReadAllLines(Path.Combine(cli.Archive, "ledger", "entries.jsonl"));
        return [.. entries.Select(l => JsonNode.Parse(l)!.AsObject()).Where(e => e["type"]!.GetValue<string>() == type)];
    }

    [Fact]
    public async Task Read_groups_the_synthetic_photos_as_the_ground_truth_does()
    {
        var cases = await Cases(Cli);
        var predicted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in cases) foreach (var item in c!["items"]!.AsArray()) predicted[item!.GetValue<string>()] = c["id"]!.GetValue<string>();
        var truth = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var file in fixture.Truth.Files.Where(f => f.Kind == "original")) truth.TryAdd(file.Sha256, file.Case);

        var score = PairwiseScore.Compute(predicted.Where(p => truth.ContainsKey(p.Key)).ToDictionary(), truth);

        Assert.True(score.Precision >= 0.9 && score.Recall >= 0.9, $"precision {score.Precision:0.000}, recall {score.Recall:0.000}");
        Assert.InRange(cases.Count, fixture.Truth.Cases.Count * 0.9, fixture.Truth.Cases.Count * 1.2);
    }

    [Fact]
    public async Task Json_is_exactly_id_card_status_items()
    {
        var cases = await Cases(Cli);

        Assert.NotEmpty(cases);
        foreach (var node in cases)
        {
            var c = node!.AsObject();
            Assert.Equal(["id", "card", "status", "items"], c.Select(p => p.Key));
            Assert.Matches("^C-[0-9]{5}$", c["id"]!.GetValue<string>());
            Assert.Equal(["detainee", "branch", "report"], c["card"]!.AsObject().Select(p => p.Key));
            Assert.Contains(c["status"]!.GetValue<string>(), (string[])["machine-read", "confirmed"]);
            Assert.All(c["items"]!.AsArray(), i => Assert.Matches("^[0-9a-f]{64}$", i!.GetValue<string>()));
        }
        // Every photo is in at most one case.
        var items = cases.SelectMany(c => c!["items"]!.AsArray().Select(i => i!.GetValue<string>())).ToList();
        Assert.Equal(items.Count, items.Distinct().Count());
    }

    [Fact]
    public async Task Reading_again_changes_nothing()
    {
        using var temp = new TempDirectory("cases-cli");
        var cli = fixture.Copy(temp);
        var before = (await cli.Json("status")).Json["ledgerSize"]!.GetValue<long>();

        var again = await cli.Json("cases", "read");

        Assert.True(again.Exit == 0, again.ToString());
        Assert.Equal(0, again.Json["created"]!.GetValue<int>());
        Assert.Equal(before, (await cli.Json("status")).Json["ledgerSize"]!.GetValue<long>());
    }

    [Fact]
    public async Task Edits_are_ledger_events_and_survive_a_rebuild()
    {
        using var temp = new TempDirectory("cases-cli");
        var cli = fixture.Copy(temp);
        var cases = await Cases(cli);
        var first = cases[0]!["id"]!.GetValue<string>();
        var second = cases[1]!["id"]!.GetValue<string>();
        var third = cases[2]!["id"]!.GetValue<string>();
        var thirdItems = cases[2]!["items"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();

        Assert.Equal(0, (await cli.Do("cases", "confirm", first, "--detainee", "4821", "--branch", "215", "--report", "77")).Exit);
        Assert.Equal(0, (await cli.Do("cases", "merge", first, second)).Exit);
        var split = await cli.Json("cases", "split", first, "--from", cases[1]!["items"]![0]!.GetValue<string>()[..12]);
        Assert.True(split.Exit == 0, split.ToString());
        Assert.Equal(0, (await cli.Do("cases", "move", thirdItems[0], "--to", first)).Exit);

        Assert.Single(await Ledger(cli, "case-numbers-confirmed"));
        Assert.Single(await Ledger(cli, "case-merged"));
        Assert.Single(await Ledger(cli, "case-split"));
        var moved = Assert.Single(await Ledger(cli, "case-item-moved"));
        Assert.Equal(thirdItems[0], moved["subject"]!["item"]!.GetValue<string>());
        var after = (await Cases(cli)).ToJsonString();
        var confirmed = (await Cases(cli)).Single(c => c!["id"]!.GetValue<string>() == first)!;
        Assert.Equal("confirmed", confirmed["status"]!.GetValue<string>());
        Assert.Equal("4821", confirmed["card"]!["detainee"]!.GetValue<string>());
        Assert.Contains(thirdItems[0], confirmed["items"]!.AsArray().Select(i => i!.GetValue<string>()));

        Assert.Equal(0, (await cli.Do("rebuild")).Exit);
        Assert.Equal(after, (await Cases(cli)).ToJsonString());
        // A human's numbers are never overwritten by the machine reading again.
        Assert.Equal(0, (await cli.Do("cases", "read")).Exit);
        Assert.Equal(after, (await Cases(cli)).ToJsonString());
        Assert.Equal(0, (await cli.Json("ledger", "verify")).Exit);
    }

    [Theory]
    [InlineData(ExitCodes.Usage, "cases", "confirm", "1", "--detainee", "12x", "--branch", "215", "--report", "1")]
    [InlineData(ExitCodes.Usage, "cases", "confirm", "1", "--detainee", "12")]
    [InlineData(ExitCodes.Usage, "cases", "merge", "1", "1")]
    [InlineData(ExitCodes.Usage, "cases", "merge", "case-one", "2")]
    [InlineData(ExitCodes.Failure, "cases", "merge", "1", "99999")]
    [InlineData(ExitCodes.Usage, "cases", "split", "1", "--from", "zz")]
    [InlineData(ExitCodes.Failure, "cases", "split", "1", "--from", "00000000")]
    [InlineData(ExitCodes.Failure, "cases", "move", "00000000", "--to", "1")]
    [InlineData(ExitCodes.Failure, "cases", "confirm", "99999", "--detainee", "1", "--branch", "2", "--report", "3")]
    public async Task Bad_arguments_give_one_line_and_record_nothing(int exit, params string[] args)
    {
        using var temp = new TempDirectory("cases-cli");
        var cli = fixture.Copy(temp);
        var before = File.ReadAllBytes(Path.Combine(cli.Archive, "ledger", "entries.jsonl")).Length;

        var run = await cli.Do(args);

        Assert.True(run.Exit == exit, run.ToString());
        // One line per problem (a missing option each), each "athar: ...".
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 1, 2);
        Assert.All(lines, l => Assert.StartsWith("athar: ", l, StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(cli.Archive, "ledger", "entries.jsonl")).Length);
    }

    [Fact]
    public async Task Splitting_at_a_photo_of_another_case_is_refused()
    {
        var cases = await Cases(Cli);
        var other = cases[1]!["items"]![0]!.GetValue<string>();

        var run = await Cli.Do("cases", "split", cases[0]!["id"]!.GetValue<string>(), "--from", other);

        Assert.Equal(ExitCodes.Usage, run.Exit);
        Assert.Contains("is not in", run.Err, StringComparison.Ordinal);
    }
}
