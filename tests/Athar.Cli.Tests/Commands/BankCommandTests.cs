using System.Text;
using Athar.Cli.Hosting;
using Athar.Cli.Tests.Support;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

/// <summary>`athar bank import | list`, bank matches after `athar analyze`, and near-duplicate groups in `items --json` and `show`.</summary>
public sealed class BankCommandTests : IDisposable
{
    private const string H1 = "f162eb9daab170c0567fe3632d9a5548c5612982dd5e374a7424ebbc8a835c95";
    private const string H2 = "b062eb9d2ab170c0567fcb672d9a5548c5612982dd5e374a7424ebbc8b135cb5";

    private readonly TempDirectory _temp = new("bank-cli");
    private readonly AtharCli _athar;

    public BankCommandTests() => _athar = new AtharCli(_temp.Combine("archive"));

    public void Dispose() => _temp.Dispose();

    private string Write(string name, string text) => _temp.WriteFile(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Import_tolerates_header_crlf_and_extra_columns_and_names_each_bad_line()
    {
        await _athar.Init();
        var file = Write("export.csv", $"hash,label,extra\r\n{H1},bridge,x\r\n\r\nnot-a-hash,oops\r\n{H2},\"a, b\",y,z\r\n{H1[..60]}\r\n");

        var run = await _athar.Json("bank", "import", file, "--name", "tx-2024");

        Assert.Equal(ExitCodes.Problems, run.Exit);
        var errors = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.StartsWith($"athar: {file}:4: not a PDQ hash", errors[0], StringComparison.Ordinal);
        Assert.StartsWith($"athar: {file}:6: not a PDQ hash", errors[1], StringComparison.Ordinal);
        var json = run.Json;
        Assert.Equal(2, json["hashes"]!.GetValue<int>());
        Assert.Equal(2, json["labelled"]!.GetValue<long>());
        Assert.Equal(2, json["rejected"]!.GetValue<long>());
        Assert.True(json["headerSkipped"]!.GetValue<bool>());
        Assert.True(File.Exists(Path.Combine(_athar.Archive, "banks", "tx-2024.pdqbank")));

        var list = (await _athar.Json("bank", "list")).Json.AsArray();
        var bank = Assert.Single(list)!;
        Assert.Equal("tx-2024", bank["name"]!.GetValue<string>());
        Assert.Equal("export.csv", bank["fileName"]!.GetValue<string>());
        Assert.Equal(2, bank["hashes"]!.GetValue<long>());
        Assert.Equal(json["fileSha256"]!.GetValue<string>(), bank["fileSha256"]!.GetValue<string>());
        var entry = ArchiveInspector.Dump(_athar.Archive, "SELECT COUNT(*) FROM banks");
        Assert.Equal(["1"], entry);
    }

    [Fact]
    public async Task Empty_files_bad_names_and_missing_files_import_nothing()
    {
        await _athar.Init();
        var empty = Write("empty.txt", "\r\n\r\n");

        var run = await _athar.Do("bank", "import", empty, "--name", "e");
        Assert.Equal(ExitCodes.Problems, run.Exit);
        Assert.Contains("no PDQ hashes found", run.Err, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Usage, (await _athar.Do("bank", "import", empty, "--name", "../evil")).Exit);
        var missing = await _athar.Do("bank", "import", _temp.Combine("nope.txt"), "--name", "m");
        Assert.Equal(ExitCodes.Failure, missing.Exit);
        Assert.Contains("no such file", missing.Err, StringComparison.Ordinal);
        Assert.Empty((await _athar.Json("bank", "list")).Json.AsArray());
    }

    [Fact]
    public async Task A_huge_label_is_cut_and_the_hash_kept()
    {
        await _athar.Init();
        var file = Write("big.txt", $"{H1},{new string('x', 100_000)}\n");

        var run = await _athar.Json("bank", "import", file, "--name", "big");

        Assert.Equal(ExitCodes.Ok, run.Exit);
        Assert.Equal(1, run.Json["labelsCut"]!.GetValue<long>());
        Assert.Contains("cut to 1000", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reimporting_a_name_replaces_the_bank_and_records_what_it_replaced()
    {
        await _athar.Init();
        var first = (await _athar.Json("bank", "import", Write("a.txt", H1 + "\n"), "--name", "b")).Json;
        Assert.Null(first["replaced"]);
        var second = (await _athar.Json("bank", "import", Write("b.txt", H1 + "\n" + H2 + "\n"), "--name", "b")).Json;

        Assert.Equal(first["bankSha256"]!.GetValue<string>(), second["replaced"]!.GetValue<string>());
        var bank = Assert.Single((await _athar.Json("bank", "list")).Json.AsArray())!;
        Assert.Equal(2, bank["hashes"]!.GetValue<long>());
        Assert.Equal(["1"], ArchiveInspector.Dump(_athar.Archive, "SELECT COUNT(*) FROM banks"));
        var ledger = File.ReadAllLines(Path.Combine(_athar.Archive, "ledger", "entries.jsonl"));
        Assert.Equal(2, ledger.Count(l => l.Contains("\"bank-imported\"", StringComparison.Ordinal)));

        // The banks table is a projection of the ledger: a rebuilt catalog lists the same bank.
        Assert.Equal(0, (await _athar.Do("rebuild")).Exit);
        var rebuilt = Assert.Single((await _athar.Json("bank", "list")).Json.AsArray())!;
        Assert.Equal(bank.ToJsonString(), rebuilt.ToJsonString());
    }

    [Fact]
    public async Task Analyze_groups_rotated_copies_and_flags_bank_matches_shown_in_items_and_show()
    {
        await _athar.Init();
        var dih = Path.Combine(TestData.Pdq, "reg-test-input", "dih");
        foreach (var name in new[] { "bridge-1-original.jpg", "bridge-2-rotate-90.jpg", "bridge-5-flipx.jpg" })
            _temp.WriteFile($"drive/{name}", File.ReadAllBytes(Path.Combine(dih, name)));
        var other = Directory.EnumerateFiles(TestData.CameraOriginals, "*.jpg").Order(StringComparer.Ordinal).First();
        _temp.WriteFile("drive/other.jpg", File.ReadAllBytes(other));
        await _athar.Ingest(_temp.Combine("drive"), "--source", "d1");
        var pdq = await AtharCli.Run("pdq", Path.Combine(dih, "bridge-1-original.jpg"));
        var bridgeHash = pdq.Out.Split(',')[0];
        Assert.Equal(ExitCodes.Ok, (await _athar.Do("bank", "import", Write("pub.csv", $"{bridgeHash},bridge photo\n"), "--name", "pub")).Exit);

        var analyze = await _athar.Json("analyze");
        Assert.Equal(ExitCodes.Ok, analyze.Exit);

        var items = (await _athar.Json("items")).Json.AsArray();
        Assert.Equal(4, items.Count);
        var grouped = items.Where(i => i!["nearDuplicateGroup"] is not null).ToList();
        Assert.Equal(3, grouped.Count);
        Assert.Single(grouped.Select(i => i!["nearDuplicateGroup"]!.GetValue<string>()).Distinct());
        var loner = Assert.Single(items, i => i!["nearDuplicateGroup"] is null)!;
        Assert.EndsWith("other.jpg", loner["copies"]![0]!["path"]!.GetValue<string>(), StringComparison.Ordinal);

        var matches = (await _athar.Json("findings", "--code", "bank.match")).Json.AsArray();
        Assert.Equal(3, matches.Count); // the original and both turned copies
        Assert.All(matches, m => Assert.Equal("warning", m!["severity"]!.GetValue<string>()));

        var id = grouped[0]!["id"]!.GetValue<string>();
        var show = await _athar.Do("show", id[..12]);
        Assert.Contains("near-duplicates  group nd-", show.Out, StringComparison.Ordinal);
        var shown = (await _athar.Json("show", id[..12])).Json;
        Assert.Equal(2, shown["nearDuplicates"]!.AsArray().Count);
        Assert.All(shown["nearDuplicates"]!.AsArray(), n => Assert.InRange(n!["distance"]!.GetValue<int>(), 0, 31));

        // Re-running finds nothing stale.
        var again = (await _athar.Json("analyze")).Json["archive"]!.AsArray();
        Assert.All(again, a => Assert.False(a!["ran"]!.GetValue<bool>()));
    }
}
