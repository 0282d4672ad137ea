using System.Security.Cryptography;
using Athar.Cli.Tests.Support;
using Athar.TestSupport;
using Microsoft.Data.Sqlite;

namespace Athar.Cli.Tests.Commands;

/// <summary>init, status, items, show, verify and rebuild on a small real archive.</summary>
public sealed class ArchiveCommandsTests : IDisposable
{
    private readonly TempDirectory _temp = new("commands");
    private readonly AtharCli _athar;

    public ArchiveCommandsTests() => _athar = new AtharCli(_temp.Combine("archive"));

    public void Dispose() => _temp.Dispose();

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Bytes(int seed, int length = 3000)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>An archive with <paramref name="count"/> items from source d1, one duplicate copy and one symlink.</summary>
    private async Task<List<byte[]>> Populate(int count = 6)
    {
        await _athar.Init();
        var files = Enumerable.Range(0, count).Select(i => Bytes(i)).ToList();
        for (var i = 0; i < count; i++) _temp.WriteFile($"src/f{i}.bin", files[i]);
        _temp.WriteFile("src/copy/dup.bin", files[0]);
        File.CreateSymbolicLink(_temp.Combine("src", "link"), "f0.bin");
        await _athar.Ingest(_temp.Combine("src"), "--source", "d1");
        return files;
    }

    private string StoredFile(byte[] bytes)
    {
        var row = ArchiveInspector.Dump(_athar.Archive, $"SELECT object_path || '/v1/content/' || stored_name FROM items WHERE id = '{Sha(bytes)}'");
        return Path.Combine(_athar.Archive, "objects", Assert.Single(row));
    }

    [Fact]
    public async Task Init_creates_the_ocfl_root_catalog_ledger_and_keys()
    {
        var run = await _athar.Do("init");
        Assert.Equal(0, run.Exit);
        var root = _athar.Archive;
        Assert.Equal("ocfl_1.1\n", File.ReadAllText(Path.Combine(root, "objects", "0=ocfl_1.1")));
        var layout = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root, "objects", "ocfl_layout.json")))!;
        Assert.Equal("0004-hashed-n-tuple-storage-layout", layout["extension"]!.GetValue<string>());
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root, "objects", "extensions", "0004-hashed-n-tuple-storage-layout", "config.json")))!;
        Assert.Equal("sha256", config["digestAlgorithm"]!.GetValue<string>());
        Assert.Equal("0004-hashed-n-tuple-storage-layout", config["extensionName"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(root, "catalog.db")));
        Assert.True(File.Exists(Path.Combine(root, "ledger", "entries.jsonl")));
        Assert.True(Directory.Exists(Path.Combine(root, "keys")));
        Assert.Equal(["1"], ArchiveInspector.Dump(root, "SELECT COUNT(*) FROM meta WHERE key = 'archiveId'"));
    }

    [Fact]
    public async Task Init_on_an_existing_archive_refuses_with_exit_3_and_changes_nothing()
    {
        await Populate();
        var before = ArchiveInspector.TreeListing(_athar.Archive);
        Thread.Sleep(20);

        var run = await _athar.Do("init");

        Assert.Equal(3, run.Exit);
        Assert.Contains("already exists", run.Err);
        Assert.Single(run.Err.Trim().Split('\n'));
        Assert.Equal(before, ArchiveInspector.TreeListing(_athar.Archive));
    }

    [Fact]
    public async Task Init_on_a_non_empty_folder_that_is_not_an_archive_refuses_and_changes_nothing()
    {
        _temp.WriteFile("archive/holiday.jpg", Bytes(1));
        var before = ArchiveInspector.TreeListing(_athar.Archive);
        var run = await _athar.Do("init");
        Assert.Equal(3, run.Exit);
        Assert.Contains("not empty", run.Err);
        Assert.Equal(before, ArchiveInspector.TreeListing(_athar.Archive));
    }

    [Fact]
    public async Task Status_json_counts_items_copies_sources_bytes_and_the_ledger()
    {
        var files = await Populate();
        var status = (await _athar.Json("status")).Json.AsObject();
        Assert.Equal(["items", "copies", "sources", "bytes", "ledgerSize", "findings", "cases"], status.Select(p => p.Key));
        Assert.Equal(6, status["items"]!.GetValue<long>());
        Assert.Equal(7, status["copies"]!.GetValue<long>());
        Assert.Equal(1, status["sources"]!.GetValue<long>());
        Assert.Equal(files.Sum(f => (long)f.Length), status["bytes"]!.GetValue<long>());
        // init: archive-created, key-created, checkpoint; ingest: 7 copies, 1 symlink, checkpoint
        Assert.Equal(3 + 7 + 1 + 1, status["ledgerSize"]!.GetValue<long>());
        Assert.Equal(File.ReadAllLines(Path.Combine(_athar.Archive, "ledger", "entries.jsonl")).Length, status["ledgerSize"]!.GetValue<long>());
        Assert.Equal(0, status["findings"]!.GetValue<long>());
        Assert.Equal(0, status["cases"]!.GetValue<long>());
    }

    [Fact]
    public async Task Items_json_lists_every_item_with_its_copies()
    {
        var files = await Populate();
        var items = (await _athar.Json("items")).Json.AsArray();
        Assert.Equal(6, items.Count);
        Assert.Equal(files.Select(Sha).Order(StringComparer.Ordinal), items.Select(i => i!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var first = items.Single(i => i!["id"]!.GetValue<string>() == Sha(files[0]))!;
        Assert.Equal(["id", "size", "mediaType", "copies", "nearDuplicateGroup"], first.AsObject().Select(p => p.Key));
        Assert.Equal(3000, first["size"]!.GetValue<long>());
        Assert.Equal("application/octet-stream", first["mediaType"]!.GetValue<string>());
        Assert.Equal(["d1:copy/dup.bin", "d1:f0.bin"], first["copies"]!.AsArray().Select(c => $"{c!["source"]}:{c["path"]}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Show_accepts_a_full_id_and_an_eight_digit_prefix_refuses_seven_digits_with_exit_2_and_an_unknown_id_with_exit_3()
    {
        var files = await Populate();
        var id = Sha(files[2]);
        var full = await _athar.Json("show", id);
        Assert.Equal(0, full.Exit);
        Assert.Equal(id, full.Json["id"]!.GetValue<string>());
        var prefix = await _athar.Json("show", id[..8]);
        Assert.Equal(0, prefix.Exit);
        Assert.Equal(id, prefix.Json["id"]!.GetValue<string>());
        var human = await _athar.Do("show", id[..8].ToUpperInvariant());
        Assert.Equal(0, human.Exit);
        Assert.Contains(id, human.Out);

        var seven = await _athar.Do("show", id[..7]);
        Assert.Equal(2, seven.Exit);
        Assert.Contains("at least 8", seven.Err);
        var unknownId = id.StartsWith('0') ? "f" + id[1..] : "0" + id[1..];
        var unknown = await _athar.Do("show", unknownId);
        Assert.Equal(3, unknown.Exit);
        Assert.Contains("no item", unknown.Err);
    }

    [Fact]
    public async Task Verify_passes_on_an_intact_archive_with_the_documented_json()
    {
        await Populate();
        var run = await _athar.VerifyOk();
        var json = run.Json.AsObject();
        Assert.Equal(["ok", "checked", "problems"], json.Select(p => p.Key));
        Assert.True(json["ok"]!.GetValue<bool>());
        Assert.Equal(6, json["checked"]!.GetValue<long>());
        Assert.Empty(json["problems"]!.AsArray());
    }

    [Fact]
    public async Task Verify_finds_one_altered_byte_in_a_stored_original_and_names_the_item_and_path()
    {
        var files = await Populate();
        var stored = StoredFile(files[3]);
        var bytes = File.ReadAllBytes(stored);
        bytes[1234] ^= 0x01;
        File.WriteAllBytes(stored, bytes);

        var run = await _athar.Json("verify");

        Assert.Equal(1, run.Exit);
        Assert.False(run.Json["ok"]!.GetValue<bool>());
        var problem = Assert.Single(run.Json["problems"]!.AsArray())!;
        Assert.Equal(Sha(files[3]), problem["item"]!.GetValue<string>());
        Assert.Equal("objects/" + Path.GetRelativePath(Path.Combine(_athar.Archive, "objects"), stored), problem["path"]!.GetValue<string>());
        Assert.StartsWith("altered", problem["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task Verify_reports_a_deleted_object_as_missing()
    {
        var files = await Populate();
        var objectFolder = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(StoredFile(files[1]))))!;
        Directory.Delete(objectFolder, recursive: true);
        var run = await _athar.Json("verify");
        Assert.Equal(1, run.Exit);
        var problem = Assert.Single(run.Json["problems"]!.AsArray())!;
        Assert.Equal(Sha(files[1]), problem["item"]!.GetValue<string>());
        Assert.StartsWith("missing", problem["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task Verify_reports_an_extra_file_inside_an_object_and_an_unexpected_object_as_unexpected()
    {
        var files = await Populate();
        var content = Path.GetDirectoryName(StoredFile(files[4]))!;
        File.WriteAllText(Path.Combine(content, "planted.jpg"), "not part of the object");
        // A whole object the catalog never recorded, placed where the layout would put it.
        var rogueId = new string('e', 64);
        var rogue = Path.Combine(_athar.Archive, "objects", "aaa", "bbb", "ccc", rogueId);
        Directory.CreateDirectory(Path.Combine(rogue, "v1", "content"));
        File.WriteAllText(Path.Combine(rogue, "0=ocfl_object_1.1"), "ocfl_object_1.1\n");
        File.WriteAllText(Path.Combine(rogue, "inventory.json"), "{\"id\":\"" + rogueId + "\",\"manifest\":{}}");

        var run = await _athar.Json("verify");

        Assert.Equal(1, run.Exit);
        var problems = run.Json["problems"]!.AsArray();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p!["path"]!.GetValue<string>().EndsWith("/v1/content/planted.jpg", StringComparison.Ordinal)
            && p["problem"]!.GetValue<string>().StartsWith("unexpected", StringComparison.Ordinal) && p["item"]!.GetValue<string>() == Sha(files[4]));
        Assert.Contains(problems, p => p!["path"]!.GetValue<string>() == $"objects/aaa/bbb/ccc/{rogueId}"
            && p["problem"]!.GetValue<string>().StartsWith("unexpected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_with_sample_one_half_checks_about_half_of_the_items()
    {
        await _athar.Init();
        for (var i = 0; i < 120; i++) _temp.WriteFile($"many/f{i:D3}.bin", Bytes(1000 + i, 64));
        await _athar.Ingest(_temp.Combine("many"), "--source", "d1");
        var run = await _athar.Json("verify", "--sample", "0.5");
        Assert.Equal(0, run.Exit);
        // Binomial(120, 0.5): 60 +- 5.5; 30..90 fails with probability below 1e-7.
        Assert.InRange(run.Json["checked"]!.GetValue<long>(), 30, 90);
        var all = await _athar.Json("verify");
        Assert.Equal(120, all.Json["checked"]!.GetValue<long>());
        Assert.Equal(2, (await _athar.Json("verify", "--sample", "0")).Exit);
        Assert.Equal(2, (await _athar.Json("verify", "--sample", "1.5")).Exit);
    }

    private static readonly string[] CatalogTables =
    [
        "SELECT * FROM items ORDER BY id",
        "SELECT * FROM copies ORDER BY id",
        "SELECT * FROM sources ORDER BY id",
        "SELECT * FROM rejections ORDER BY id",
        "SELECT * FROM symlinks ORDER BY id",
        "SELECT * FROM verifications ORDER BY ledger_seq",
    ];

    private async Task<List<List<string>>> PopulateForRebuild()
    {
        await Populate();
        _temp.WriteFile("src2/more.bin", Bytes(99));
        IngestCommandTests.RunTool("mkfifo", _temp.Combine("src2", "pipe"));
        var second = await _athar.Json("ingest", _temp.Combine("src2"), "--source", "d2", "--custodian", "C", "--received", "2014-02-03");
        Assert.Equal(1, second.Exit);
        await _athar.VerifyOk();
        return CatalogTables.Select(t => ArchiveInspector.Dump(_athar.Archive, t)).ToList();
    }

    private void AssertCatalogIs(List<List<string>> before)
    {
        for (var i = 0; i < CatalogTables.Length; i++)
            Assert.Equal(before[i], ArchiveInspector.Dump(_athar.Archive, CatalogTables[i]));
        // Rebuild records itself, then signs a checkpoint of the ledger that now includes that record.
        var lastTwo = File.ReadLines(Path.Combine(_athar.Archive, "ledger", "entries.jsonl")).TakeLast(2).ToList();
        Assert.Contains("\"type\":\"catalog-rebuilt\"", lastTwo[0]);
        Assert.Contains("\"type\":\"checkpoint\"", lastTwo[1]);
    }

    [Fact]
    public async Task Rebuild_after_the_catalog_is_deleted_recreates_identical_tables()
    {
        var before = await PopulateForRebuild();
        SqliteConnection.ClearAllPools();
        foreach (var f in Directory.GetFiles(_athar.Archive, "catalog.db*")) File.Delete(f);

        var run = await _athar.Do("rebuild");

        Assert.True(run.Exit == 0, run.ToString());
        AssertCatalogIs(before);
        await _athar.VerifyOk();
    }

    [Fact]
    public async Task Rebuild_after_the_catalog_is_corrupted_recreates_identical_tables_and_keeps_the_damaged_file_aside()
    {
        var before = await PopulateForRebuild();
        SqliteConnection.ClearAllPools();
        var catalog = Path.Combine(_athar.Archive, "catalog.db");
        foreach (var f in Directory.GetFiles(_athar.Archive, "catalog.db-*")) File.Delete(f);
        var damaged = File.ReadAllBytes(catalog);
        new Random(3).NextBytes(damaged.AsSpan(0, 4096));
        File.WriteAllBytes(catalog, damaged);

        var run = await _athar.Do("rebuild");

        Assert.True(run.Exit == 0, run.ToString());
        AssertCatalogIs(before);
        var kept = Assert.Single(Directory.GetFiles(_athar.Archive, "catalog.db.damaged-*"));
        Assert.Equal(damaged, File.ReadAllBytes(kept));
    }

    [Fact]
    public async Task Rebuild_of_a_healthy_catalog_gives_identical_tables()
    {
        var before = await PopulateForRebuild();
        var run = await _athar.Json("rebuild");
        Assert.Equal(0, run.Exit);
        AssertCatalogIs(before);
    }
}
