using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Athar.Cli.Tests.Support;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

public sealed class IngestCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new("ingest");
    private readonly AtharCli _athar;

    public IngestCommandTests() => _athar = new AtharCli(_temp.Combine("archive"));

    public void Dispose() => _temp.Dispose();

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Jpeg(int seed, int length = 4000)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF; bytes[3] = 0xE0;
        return bytes;
    }

    private async Task<JsonNode> Show(string id)
    {
        var run = await _athar.Json("show", id);
        Assert.True(run.Exit == 0, run.ToString());
        return run.Json;
    }

    [Fact]
    public async Task A_folder_is_walked_recursively_and_every_file_is_kept_whatever_its_type()
    {
        await _athar.Init();
        var jpeg = Jpeg(1);
        _temp.WriteFile("src/top.jpg", jpeg);
        _temp.WriteFile("src/a/b/c/deep.bin", [0, 1, 2, 3, 0, 0, 7]);
        _temp.WriteFile("src/a/notes.txt", "a note"u8.ToArray());
        _temp.WriteFile("src/a/b/renamed.txt", Jpeg(2));

        var json = await _athar.Ingest(_temp.Combine("src"), "--source", "d1");

        Assert.Equal(4, json["filesSeen"]!.GetValue<long>());
        Assert.Equal(4, json["newItems"]!.GetValue<int>());
        Assert.Equal(0, json["duplicateCopies"]!.GetValue<int>());
        Assert.Equal(jpeg.Length + 7 + 6 + 4000, json["bytesStored"]!.GetValue<long>());
        Assert.Empty(json["rejected"]!.AsArray());
        var items = (await _athar.Json("items")).Json.AsArray();
        var byPath = items.ToDictionary(i => i!["copies"]![0]!["path"]!.GetValue<string>(), i => i!);
        Assert.Equal(["a/b/c/deep.bin", "a/b/renamed.txt", "a/notes.txt", "top.jpg"], byPath.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("image/jpeg", byPath["a/b/renamed.txt"]["mediaType"]!.GetValue<string>());
        Assert.Equal("text/plain", byPath["a/notes.txt"]["mediaType"]!.GetValue<string>());
        Assert.Equal("application/octet-stream", byPath["a/b/c/deep.bin"]["mediaType"]!.GetValue<string>());
        Assert.Equal(Sha(jpeg), byPath["top.jpg"]["id"]!.GetValue<string>());
        Assert.Equal(7, byPath["a/b/c/deep.bin"]["size"]!.GetValue<long>());
        await _athar.VerifyOk();
    }

    [Fact]
    public async Task The_json_summary_has_exactly_the_documented_fields()
    {
        await _athar.Init();
        _temp.WriteFile("src/x.jpg", Jpeg(3));
        var run = await _athar.Json("ingest", _temp.Combine("src"), "--source", "d1");
        Assert.Equal(0, run.Exit);
        var keys = run.Json.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "filesSeen", "newItems", "duplicateCopies", "bytesStored", "rejected" }, keys);
        Assert.Equal(1, run.Json["filesSeen"]!.GetValue<long>());
        Assert.Equal("array", JsonValueKind(run.Json["rejected"]!));
    }

    private static string JsonValueKind(JsonNode node) => node.GetValueKind().ToString().ToLowerInvariant();

    [Fact]
    public async Task A_single_file_is_ingested_under_its_own_name_and_stored_exactly()
    {
        await _athar.Init();
        var bytes = Jpeg(4, 12345);
        var file = _temp.WriteFile("loose/IMG_0001.JPG", bytes);
        var json = await _athar.Ingest(file, "--source", "mail-3");
        Assert.Equal(1, json["newItems"]!.GetValue<int>());
        var show = await Show(Sha(bytes));
        Assert.Equal("IMG_0001.JPG", show["copies"]![0]!["path"]!.GetValue<string>());
        var stored = Path.Combine(_athar.Archive, show["objectPath"]!.GetValue<string>(), "v1", "content", show["storedName"]!.GetValue<string>());
        Assert.Equal(bytes, File.ReadAllBytes(stored));
    }

    [Fact]
    public async Task A_known_digest_adds_only_a_copy_and_two_paths_with_the_same_bytes_make_one_item_with_two_copies()
    {
        await _athar.Init();
        var bytes = Jpeg(5);
        _temp.WriteFile("src/one.jpg", bytes);
        _temp.WriteFile("src/sub/two.jpg", bytes);
        var first = await _athar.Ingest(_temp.Combine("src"), "--source", "d1");
        Assert.Equal(1, first["newItems"]!.GetValue<int>());
        Assert.Equal(1, first["duplicateCopies"]!.GetValue<int>());
        Assert.Equal(bytes.Length, first["bytesStored"]!.GetValue<long>());

        _temp.WriteFile("other/three.jpg", bytes);
        var second = await _athar.Ingest(_temp.Combine("other"), "--source", "d2");
        Assert.Equal(0, second["newItems"]!.GetValue<int>());
        Assert.Equal(1, second["duplicateCopies"]!.GetValue<int>());
        Assert.Equal(0, second["bytesStored"]!.GetValue<long>());

        var copies = (await Show(Sha(bytes)))["copies"]!.AsArray().Select(c => $"{c!["source"]}:{c["path"]}").ToList();
        Assert.Equal(["d1:one.jpg", "d1:sub/two.jpg", "d2:three.jpg"], copies);
        Assert.Single(ArchiveInspector.ObjectFolders(_athar.Archive));
    }

    [Fact]
    public async Task Provenance_keeps_source_custodian_received_date_path_size_file_times_to_the_nanosecond_ingest_time_and_tool_version()
    {
        await _athar.Init();
        var bytes = Jpeg(6, 777);
        var file = _temp.WriteFile("drive/DCIM/100/IMG_7.JPG", bytes);
        // A time with a nanosecond part .NET cannot express (ticks are 100 ns): set with touch -d.
        RunTool("touch", "-m", "-d", "2012-03-04 05:06:07.123456789 UTC", file);
        RunTool("touch", "-a", "-d", "2013-01-02 03:04:05.987654321 UTC", file);
        var status = Athar.Core.Intake.UnixFileStatus.Of(file);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await _athar.Ingest(_temp.Combine("drive"), "--source", "drive-07", "--custodian", "Jane Roe", "--received", "2014-01-20", "--note", "sealed bag 4");

        var show = await Show(Sha(bytes));
        var copy = show["copies"]![0]!;
        Assert.Equal("drive-07", copy["source"]!.GetValue<string>());
        Assert.Equal("Jane Roe", copy["custodian"]!.GetValue<string>());
        Assert.Equal("2014-01-20", copy["received"]!.GetValue<string>());
        Assert.Equal("sealed bag 4", copy["note"]!.GetValue<string>());
        Assert.Equal("DCIM/100/IMG_7.JPG", copy["path"]!.GetValue<string>());
        Assert.Equal(777, copy["size"]!.GetValue<long>());
        Assert.Equal("2012-03-04T05:06:07.123456789Z", copy["modified"]!.GetValue<string>());
        Assert.Equal("2013-01-02T03:04:05.987654321Z", copy["accessed"]!.GetValue<string>());
        Assert.Equal(status.Changed.ToString(), copy["changed"]!.GetValue<string>());
        var ingestedAt = DateTimeOffset.Parse(copy["ingestedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ingestedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Matches(@"^athar \d+\.\d+\.\d+", copy["toolVersion"]!.GetValue<string>());
        Assert.Equal("image/jpeg", show["mediaType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_file_time_set_through_dotnet_is_recorded_exactly()
    {
        await _athar.Init();
        var bytes = Jpeg(7);
        var file = _temp.WriteFile("src/a.jpg", bytes);
        File.SetLastWriteTimeUtc(file, new DateTime(2011, 11, 11, 11, 11, 11, DateTimeKind.Utc).AddTicks(1234567));
        await _athar.Ingest(_temp.Combine("src"), "--source", "d1");
        Assert.Equal("2011-11-11T11:11:11.123456700Z", (await Show(Sha(bytes)))["copies"]![0]!["modified"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_zero_byte_file_is_kept_as_an_item()
    {
        await _athar.Init();
        _temp.WriteFile("src/empty.dat", []);
        var json = await _athar.Ingest(_temp.Combine("src"), "--source", "d1");
        Assert.Equal(1, json["newItems"]!.GetValue<int>());
        var show = await Show(Sha([]));
        Assert.Equal(0, show["size"]!.GetValue<long>());
        Assert.Equal("application/x-empty", show["mediaType"]!.GetValue<string>());
        await _athar.VerifyOk();
    }

    [Fact]
    public async Task Arabic_and_other_non_ascii_names_are_preserved_exactly_in_the_copy_path_and_the_ocfl_content_name()
    {
        await _athar.Init();
        var arabic = Jpeg(8);
        var latin = Jpeg(9);
        _temp.WriteFile("src/صور/جثة ١.jpg", arabic);
        _temp.WriteFile("src/café ü.JPG", latin);
        var decomposed = "cafe\u0301.jpg"; // NFD: must not be normalised to NFC
        _temp.WriteFile("src/" + decomposed, Jpeg(10));
        await _athar.Ingest(_temp.Combine("src"), "--source", "مصدر-1");

        foreach (var (bytes, path, name) in new[] { (arabic, "صور/جثة ١.jpg", "جثة ١.jpg"), (latin, "café ü.JPG", "café ü.JPG"), (Jpeg(10), decomposed, decomposed) })
        {
            var show = await Show(Sha(bytes));
            Assert.Equal(path, show["copies"]![0]!["path"]!.GetValue<string>());
            Assert.Equal("مصدر-1", show["copies"]![0]!["source"]!.GetValue<string>());
            Assert.Equal(name, show["storedName"]!.GetValue<string>());
            var objectFolder = Path.Combine(_athar.Archive, show["objectPath"]!.GetValue<string>());
            Assert.Equal([name], Directory.GetFiles(Path.Combine(objectFolder, "v1", "content")).Select(Path.GetFileName));
            var inventory = JsonNode.Parse(File.ReadAllBytes(Path.Combine(objectFolder, "inventory.json")))!;
            Assert.Equal("v1/content/" + name, inventory["manifest"]![Sha(bytes)]![0]!.GetValue<string>());
            Assert.Equal(name, inventory["versions"]!["v1"]!["state"]![Sha(bytes)]![0]!.GetValue<string>());
            Assert.Equal(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(Path.GetFileName(Directory.GetFiles(Path.Combine(objectFolder, "v1", "content"))[0])));
        }
        await _athar.VerifyOk();
    }

    [Fact]
    public async Task Symlinks_are_recorded_and_never_followed_even_to_etc_passwd_or_a_folder_outside_the_source()
    {
        await _athar.Init();
        var outside = _temp.WriteFile("outside/secret.jpg", Jpeg(11));
        _temp.WriteFile("src/real.jpg", Jpeg(12));
        File.CreateSymbolicLink(_temp.Combine("src", "passwd"), "/etc/passwd");
        Directory.CreateSymbolicLink(_temp.Combine("src", "elsewhere"), _temp.Combine("outside"));
        File.CreateSymbolicLink(_temp.Combine("src", "dangling"), "no/such/file");

        var json = await _athar.Ingest(_temp.Combine("src"), "--source", "d1");

        Assert.Equal(3, json["symlinks"]!.GetValue<int>());
        Assert.Equal(1, json["newItems"]!.GetValue<int>());
        Assert.Equal(4, json["filesSeen"]!.GetValue<long>());
        Assert.Empty(json["rejected"]!.AsArray());
        var paths = (await _athar.Json("items")).Json.AsArray().SelectMany(i => i!["copies"]!.AsArray().Select(c => c!["path"]!.GetValue<string>())).ToList();
        Assert.Equal(["real.jpg"], paths);
        Assert.DoesNotContain((await _athar.Json("items")).Json.AsArray(), i => i!["id"]!.GetValue<string>() == Sha(File.ReadAllBytes(outside)));
        Assert.DoesNotContain((await _athar.Json("items")).Json.AsArray(), i => i!["id"]!.GetValue<string>() == Sha(File.ReadAllBytes("/etc/passwd")));
        var links = ArchiveInspector.Dump(_athar.Archive, "SELECT path, target FROM symlinks ORDER BY path");
        Assert.Equal(["dangling | no/such/file", "elsewhere | " + _temp.Combine("outside"), "passwd | /etc/passwd"], links);
    }

    [Fact]
    public async Task A_fifo_is_rejected_without_hanging_and_the_rest_is_kept()
    {
        await _athar.Init();
        _temp.WriteFile("src/a.jpg", Jpeg(13));
        RunTool("mkfifo", _temp.Combine("src", "pipe"));
        var ingest = _athar.Json("ingest", _temp.Combine("src"), "--source", "d1");
        var finished = await Task.WhenAny(ingest, Task.Delay(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.True(finished == ingest, "ingest hung on a FIFO");
        var run = await ingest;
        Assert.Equal(1, run.Exit);
        var rejected = Assert.Single(run.Json["rejected"]!.AsArray());
        Assert.Equal("pipe", rejected!["path"]!.GetValue<string>());
        Assert.Contains("named pipe", rejected["reason"]!.GetValue<string>());
        Assert.Equal(1, run.Json["newItems"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_same_folder_named_twice_in_one_run_records_each_copy_once_and_leaves_the_archive_usable()
    {
        await _athar.Init();
        _temp.WriteFile("src/a.txt", "hi\n"u8.ToArray());
        _temp.WriteFile("src/b.txt", "ho\n"u8.ToArray());
        File.CreateSymbolicLink(_temp.Combine("src", "l"), "a.txt");
        RunTool("mkfifo", _temp.Combine("src", "p"));

        var run = await _athar.Json("ingest", _temp.Combine("src"), _temp.Combine("src"), "--source", "d1");

        Assert.True(run.Exit == 1, run.ToString()); // the FIFO is rejected
        Assert.Equal(2, run.Json["newItems"]!.GetValue<int>());
        Assert.Equal(["a.txt", "b.txt"], ArchiveInspector.Dump(_athar.Archive, "SELECT path FROM copies ORDER BY path"));
        Assert.Single(ArchiveInspector.Dump(_athar.Archive, "SELECT path FROM symlinks"));
        Assert.Single(ArchiveInspector.Dump(_athar.Archive, "SELECT path FROM rejections"));
        await _athar.VerifyOk();
        var status = (await _athar.Json("status")).Json;
        Assert.Equal(2, status["copies"]!.GetValue<long>());
    }

    internal static void RunTool(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
    }
}
