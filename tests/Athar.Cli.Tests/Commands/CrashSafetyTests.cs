using System.Diagnostics;
using System.Text.Json.Nodes;
using Athar.Cli.Tests.Support;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

/// <summary>
/// DESIGN.md "Crash safety": an ingest SIGKILLed at any instant, then re-run, ends exactly where an
/// uninterrupted ingest ends. The real athar runs as a child process and is killed after a seeded
/// random delay, many times; the result is compared with a reference archive file by file and row by row.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class CrashSafetyTests
{
    private const int Seed = 20261122;
    private static readonly TimeSpan KillBudget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HardLimit = TimeSpan.FromSeconds(200);
    private const int MinimumKills = 10;
    private const int MaximumKills = 35;

    // Ingest commits in batches of 256 entries: 800 small files give several commits for kills to land between.
    private const int SmallFiles = 800;

    [Fact]
    public async Task An_ingest_killed_many_times_and_rerun_ends_identical_to_an_uninterrupted_ingest()
    {
        var camera = TestData.CameraOriginals;
        using var temp = new TempDirectory("crash");
        var source = BuildSource(temp.Combine("src"), camera);
        var a = temp.Combine("A");
        var b = temp.Combine("B");
        var log = TestContext.Current.TestOutputHelper;

        Assert.Equal(0, AtharProcess.Run("--archive", a, "init").Exit);
        var timer = Stopwatch.StartNew();
        var reference = AtharProcess.Run("--archive", a, "--json", "ingest", source, "--source", "s1");
        var fullRun = timer.Elapsed;
        Assert.True(reference.Exit == 1, reference.Err); // exit 1: the FIFO is rejected
        log?.WriteLine($"reference ingest took {fullRun.TotalMilliseconds:F0} ms; seed {Seed}");

        var random = new Random(Seed);
        var kills = 0;
        var interrupted = 0;
        var rounds = 0;
        var budget = Stopwatch.StartNew();
        // Enough kills whatever the machine's load: at least MinimumKills (up to HardLimit), and more while
        // the budget lasts. Delays go up to 0.95 of the reference run, so some kills land after commits.
        bool KeepGoing() => kills < MaximumKills && (budget.Elapsed < KillBudget || kills < MinimumKills) && budget.Elapsed < HardLimit;
        while (KeepGoing())
        {
            // A round: a fresh archive B, killed again and again until a run ends by itself.
            rounds++;
            if (Directory.Exists(b)) Directory.Delete(b, recursive: true);
            Assert.Equal(0, AtharProcess.Run("--archive", b, "init").Exit);
            for (var attempt = 0; attempt < 8 && KeepGoing(); attempt++)
            {
                var delay = TimeSpan.FromMilliseconds(random.Next(150, (int)Math.Max(400, fullRun.TotalMilliseconds * 0.95)));
                using var child = AtharProcess.Start("--archive", b, "ingest", source, "--source", "s1");
                var exited = child.WaitForExit(delay);
                if (exited)
                {
                    log?.WriteLine($"round {rounds} attempt {attempt}: finished by itself before {delay.TotalMilliseconds:F0} ms (exit {child.ExitCode})");
                    break;
                }
                child.Kill(); // SIGKILL on Linux
                child.WaitForExit();
                kills++;
                var sizeNow = new FileInfo(Path.Combine(b, "ledger", "entries.jsonl")).Length;
                if (sizeNow > 400) interrupted++; // past the archive-created entry: killed mid-ingest, after a commit
                log?.WriteLine($"round {rounds} attempt {attempt}: killed after {delay.TotalMilliseconds:F0} ms, ledger {sizeNow} bytes");
            }
        }
        // Finish the last round's archive and compare it.
        var final = AtharProcess.Run("--archive", b, "--json", "ingest", source, "--source", "s1");
        Assert.True(final.Exit == 1, final.Err + final.Out);
        log?.WriteLine($"{kills} kills in {rounds} rounds ({budget.Elapsed.TotalSeconds:F0} s), {interrupted} after at least one commit");
        Assert.True(kills >= MinimumKills, $"only {kills} kills landed in {HardLimit.TotalSeconds} s; the test proves little");

        AssertSameArchive(a, b);
        // A second round over the finished archive changes nothing.
        var again = AtharProcess.Run("--archive", b, "--json", "ingest", source, "--source", "s1");
        Assert.Equal(1, again.Exit);
        Assert.Equal(0, JsonNode.Parse(again.Out)!["newItems"]!.GetValue<int>());
        AssertSameArchive(a, b);
    }

    internal static string BuildSource(string root, string camera)
    {
        Directory.CreateDirectory(Path.Combine(root, "photos"));
        Directory.CreateDirectory(Path.Combine(root, "copies", "again"));
        Directory.CreateDirectory(Path.Combine(root, "small"));
        var photos = Directory.GetFiles(camera, "*.jpg").Order(StringComparer.Ordinal).ToArray();
        foreach (var photo in photos) File.Copy(photo, Path.Combine(root, "photos", Path.GetFileName(photo)));
        for (var i = 0; i < photos.Length; i += 9) File.Copy(photos[i], Path.Combine(root, "copies", "again", $"dup-{i}.jpg"));
        var random = new Random(7);
        for (var i = 0; i < SmallFiles; i++)
        {
            var bytes = new byte[random.Next(1024, 4097)];
            random.NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(root, "small", $"s{i:D3}.bin"), bytes);
            if (i % 100 == 0) File.WriteAllBytes(Path.Combine(root, "copies", $"small-dup-{i}.bin"), bytes);
        }
        File.CreateSymbolicLink(Path.Combine(root, "copies", "link-to-photo"), "../photos/" + Path.GetFileName(photos[0]));
        IngestCommandTests.RunTool("mkfifo", Path.Combine(root, "copies", "fifo"));
        return root;
    }

    // The access time is left out of the copies: ingesting into A read the source files, which moved
    // their atime (relatime), so B honestly records a later one. Everything else must match.
    internal static void AssertSameArchive(string a, string b)
    {
        Assert.Equal(ArchiveInspector.ObjectFolders(a), ArchiveInspector.ObjectFolders(b));
        Assert.Equal(ArchiveInspector.ObjectFiles(a, contentOnly: true), ArchiveInspector.ObjectFiles(b, contentOnly: true));
        foreach (var sql in CatalogComparison)
            Assert.Equal(ArchiveInspector.Dump(a, sql), ArchiveInspector.Dump(b, sql));

        // The ledger: each copy, symlink and rejection once, none lost.
        var ledgerA = LedgerRecords(a);
        var ledgerB = LedgerRecords(b);
        Assert.Equal(ledgerB.Distinct().Count(), ledgerB.Count);
        Assert.Equal(ledgerA.Order(StringComparer.Ordinal), ledgerB.Order(StringComparer.Ordinal));

        var verify = AtharProcess.Run("--archive", b, "--json", "verify");
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
        ArchiveInspector.AssertConsistent(b);
    }

    private static readonly string[] CatalogComparison =
    [
        "SELECT id, size, media_type, stored_name, object_path FROM items ORDER BY id",
        """
        SELECT c.item_id, s.label, c.path, c.origin, c.size, c.modified, c.changed, c.born, c.custodian, c.received, c.note, c.tool_version
        FROM copies c JOIN sources s ON s.id = c.source_id ORDER BY s.label, c.path, c.item_id
        """,
        "SELECT label, custodian, received, note FROM sources ORDER BY label",
        "SELECT s.label, l.path, l.target, l.origin FROM symlinks l JOIN sources s ON s.id = l.source_id ORDER BY s.label, l.path",
        "SELECT s.label, r.path, r.reason FROM rejections r JOIN sources s ON s.id = r.source_id ORDER BY s.label, r.path",
    ];

    private static List<string> LedgerRecords(string archive)
    {
        var records = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(archive, "ledger", "entries.jsonl")))
        {
            var entry = JsonNode.Parse(line)!;
            var type = entry["type"]!.GetValue<string>();
            var d = entry["details"]!;
            var s = entry["subject"]!;
            switch (type)
            {
                case "copy-ingested": records.Add($"copy {s["source"]} {d["path"]} {s["item"]}"); break;
                case "symlink-recorded": records.Add($"symlink {s["source"]} {d["path"]} {d["target"]}"); break;
                case "rejection": records.Add($"rejection {s["source"]} {d["path"]} {d["reason"]}"); break;
            }
        }
        return records;
    }
}

/// <summary>Tests that time child processes run alone, after the parallel ones, so their kill delays mean something.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial (timing-sensitive)";
}
