using System.Diagnostics;
using Athar.Cli.Tests.Support;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Ledger;

/// <summary>
/// The ledger commands end to end: prove, consistency, export, and an offline check of the export with
/// Athar and with the outsider's own tools (Python's standard library and openssl).
/// </summary>
public sealed class LedgerCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new("ledger-cli");
    private readonly AtharCli _athar;

    public LedgerCommandTests() => _athar = new AtharCli(_temp.Combine("archive"));

    private async Task<string> IngestTwoDrives()
    {
        await _athar.Init();
        _temp.WriteFile("d1/a.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
        _temp.WriteFile("d2/b.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 4, 5, 6]);
        await _athar.Ingest(_temp.Combine("d1"), "--source", "drive-01");
        await _athar.Ingest(_temp.Combine("d2"), "--source", "drive-02");
        var items = (await _athar.Json("items")).Json.AsArray();
        return items[0]!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Prove_gives_a_verified_inclusion_proof_against_the_latest_signed_checkpoint()
    {
        var id = await IngestTwoDrives();
        var run = await _athar.Json("ledger", "prove", id[..10]);
        Assert.True(run.Exit == 0, run.ToString());
        var proof = run.Json;
        Assert.True(proof["verified"]!.GetValue<bool>());
        Assert.True(proof["leafIndex"]!.GetValue<long>() < proof["treeSize"]!.GetValue<long>());
        Assert.NotEmpty(proof["proof"]!.AsArray());
        Assert.Equal(44, proof["rootHash"]!.GetValue<string>().Length);
        Assert.Contains("copy-ingested", proof["entries"]![0]!["entry"]!.GetValue<string>());
    }

    [Fact]
    public async Task Consistency_proves_that_a_later_checkpoint_extends_an_earlier_one()
    {
        await IngestTwoDrives();
        var sizes = Directory.GetFiles(Path.Combine(_athar.Archive, "ledger", "checkpoints"), "*.txt")
            .Select(f => long.Parse(Path.GetFileNameWithoutExtension(f)["checkpoint-".Length..])).Order().ToList();
        Assert.True(sizes.Count >= 3);
        var run = await _athar.Json("ledger", "consistency", sizes[0].ToString(), sizes[^1].ToString());
        Assert.True(run.Exit == 0, run.ToString());
        Assert.True(run.Json["verified"]!.GetValue<bool>());
        var backwards = await _athar.Json("ledger", "consistency", sizes[^1].ToString(), sizes[0].ToString());
        Assert.Equal(2, backwards.Exit);
    }

    [Fact]
    public async Task An_export_verifies_offline_with_athar_python_and_openssl_and_a_tampered_export_does_not()
    {
        await IngestTwoDrives();
        var export = _temp.Combine("export");
        var run = await _athar.Json("ledger", "export", export);
        Assert.True(run.Exit == 0, run.ToString());
        foreach (var name in new[] { "entries.jsonl", "README.txt", "verify_ledger.py", "archive-signing-key.pub.pem", "key-name.txt" })
            Assert.True(File.Exists(Path.Combine(export, name)), name);

        var offline = await AtharCli.Run("--json", "ledger", "verify", "--offline", export);
        Assert.True(offline.Exit == 0, offline.ToString());

        var python = Tool("python3", export, "verify_ledger.py", ".");
        Assert.True(python.Exit == 0, python.Output);
        Assert.Contains("root matches", python.Output);

        var latest = Directory.GetFiles(Path.Combine(export, "checkpoints"), "*.txt").Order(StringComparer.Ordinal).Last();
        Assert.Equal(0, Tool("python3", export, "verify_ledger.py", "--extract", latest).Exit);
        var openssl = Tool("openssl", export, "dgst", "-sha256", "-verify", "archive-signing-key.pub.pem", "-signature", "signature.der", "note.txt");
        Assert.True(openssl.Exit == 0, openssl.Output);
        Assert.Contains("Verified OK", openssl.Output);

        var entries = Path.Combine(export, "entries.jsonl");
        File.WriteAllText(entries, File.ReadAllText(entries).Replace("drive-02", "drive-99", StringComparison.Ordinal));
        Assert.Equal(1, (await AtharCli.Run("ledger", "verify", "--offline", export)).Exit);
        Assert.Equal(1, Tool("python3", export, "verify_ledger.py", ".").Exit);
    }

    [Fact]
    public async Task Ledger_verify_on_the_archive_passes_and_names_a_tampered_entry()
    {
        await IngestTwoDrives();
        Assert.Equal(0, (await _athar.Do("ledger", "verify")).Exit);
        var entries = Path.Combine(_athar.Archive, "ledger", "entries.jsonl");
        File.WriteAllText(entries, File.ReadAllText(entries).Replace("drive-01", "drive-77", StringComparison.Ordinal));
        var run = await _athar.Json("ledger", "verify");
        Assert.Equal(1, run.Exit);
        Assert.Contains(run.Json["problems"]!.AsArray(), p => p!["kind"]!.GetValue<string>() == "checkpoint-root-mismatch");
    }

    private static (int Exit, string Output) Tool(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception) when (!TestData.IsCi)
        {
            Assert.Skip($"{file} is not installed");
            throw;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
    }

    public void Dispose() => _temp.Dispose();
}
