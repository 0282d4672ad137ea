using System.Text;
using Athar.Core.Custody;
using Athar.Core.Intake;
using Athar.Storage.Keys;
using Athar.Storage.Ledger;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Ledger;

/// <summary>
/// Every way of tampering with a ledger that the custody issue names must be caught by VerifyLedger,
/// each on a fresh archive with real ingested files.
/// </summary>
public sealed class LedgerTamperTests : IDisposable
{
    private readonly TempDirectory _temp = new("tamper");
    private readonly string _root;

    public LedgerTamperTests()
    {
        _root = _temp.Combine("archive");
        var source = _temp.Combine("drive");
        for (var i = 0; i < 6; i++) _temp.WriteFile($"drive/DCIM/IMG_{i:D4}.JPG", [0xFF, 0xD8, 0xFF, 0xE0, (byte)i, 1, 2, 3]);
        using var archive = AtharArchive.Init(_root);
        new IngestPipeline(new ArchiveIngestCommitter(archive, "tester"))
            .RunAsync([source], new SourceDescription("drive-01", "custodian", "2014-01-01", null)).GetAwaiter().GetResult();
        archive.WriteCheckpoint("tester");
    }

    private string Entries => Path.Combine(_root, "ledger", "entries.jsonl");

    private List<string> Lines() => [.. File.ReadAllText(Entries, Encoding.UTF8).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private void WriteLines(IEnumerable<string> lines) => File.WriteAllText(Entries, string.Join("", lines.Select(l => l + "\n")), Encoding.UTF8);

    private LedgerReport Verify() => AtharArchive.VerifyLedger(_root);

    private static void AssertCaught(LedgerReport report, string kind)
    {
        Assert.False(report.Ok);
        Assert.Contains(report.Problems, p => p.Kind == kind);
    }

    [Fact]
    public void An_untouched_ledger_verifies()
    {
        var report = Verify();
        Assert.True(report.Ok, string.Join("; ", report.Problems.Select(p => p.Message)));
        Assert.True(report.Checkpoints >= 2);
    }

    [Fact]
    public void A_changed_byte_is_caught()
    {
        var bytes = File.ReadAllBytes(Entries);
        var at = Encoding.UTF8.GetString(bytes).IndexOf("IMG_0003", StringComparison.Ordinal);
        bytes[at + 7] = (byte)'9'; // IMG_0003 -> IMG_0009: still canonical JSON, different leaf
        File.WriteAllBytes(Entries, bytes);
        AssertCaught(Verify(), LedgerProblemKinds.CheckpointRootMismatch);
    }

    [Fact]
    public void A_deleted_entry_is_caught()
    {
        var lines = Lines();
        lines.RemoveAt(4);
        WriteLines(lines);
        AssertCaught(Verify(), LedgerProblemKinds.SequenceBroken);
    }

    [Fact]
    public void Reordered_entries_are_caught()
    {
        var lines = Lines();
        (lines[4], lines[5]) = (lines[5], lines[4]);
        WriteLines(lines);
        AssertCaught(Verify(), LedgerProblemKinds.SequenceBroken);
    }

    [Fact]
    public void A_truncated_ledger_is_caught()
    {
        var lines = Lines();
        WriteLines(lines.Take(lines.Count - 3));
        AssertCaught(Verify(), LedgerProblemKinds.CheckpointBeyondLedger);
    }

    [Fact]
    public void A_forged_appended_entry_is_caught()
    {
        var lines = Lines();
        var forged = new CustodyEntry(lines.Count, DateTimeOffset.UtcNow, "intruder", CustodyEventTypes.CopyIngested,
            new() { ["item"] = new string('a', 64), ["source"] = "drive-01" }, new() { ["path"] = "planted.jpg" });
        File.AppendAllText(Entries, Encoding.UTF8.GetString(forged.ToCanonicalBytes()) + "\n");
        var report = Verify();
        AssertCaught(report, LedgerProblemKinds.UnsignedTail);
    }

    [Fact]
    public void A_swapped_checkpoint_is_caught()
    {
        var store = new CheckpointStore(Path.Combine(_root, "ledger", "checkpoints"));
        var sizes = store.Sizes();
        File.Copy(store.PathFor(sizes[0]), store.PathFor(sizes[^1]), overwrite: true);
        AssertCaught(Verify(), LedgerProblemKinds.CheckpointMalformed);
    }

    [Fact]
    public void A_checkpoint_signed_with_another_key_is_caught()
    {
        var store = new CheckpointStore(Path.Combine(_root, "ledger", "checkpoints"));
        var latest = store.Sizes()[^1];
        using var keys = ArchiveKeyStore.Load(Path.Combine(_root, "keys"));
        using var other = ArchiveKeyStore.Create(_temp.Combine("other-keys"), keys.KeyName);
        var text = SignedNote.Parse(store.Read(latest)).Text;
        File.WriteAllText(store.PathFor(latest), other.CreateSigner().SignNote(text));
        AssertCaught(Verify(), LedgerProblemKinds.CheckpointSignature);
    }

    [Fact]
    public void A_replaced_archive_key_is_caught_even_when_every_checkpoint_is_resigned()
    {
        var keysFolder = Path.Combine(_root, "keys");
        string name;
        using (var keys = ArchiveKeyStore.Load(keysFolder)) name = keys.KeyName;
        Directory.Delete(keysFolder, recursive: true);
        using var forger = ArchiveKeyStore.Create(keysFolder, name);
        var store = new CheckpointStore(Path.Combine(_root, "ledger", "checkpoints"));
        foreach (var size in store.Sizes())
            File.WriteAllText(store.PathFor(size), forger.CreateSigner().SignNote(SignedNote.Parse(store.Read(size)).Text));
        AssertCaught(Verify(), LedgerProblemKinds.KeyMismatch);
    }

    [Fact]
    public void A_torn_last_entry_is_quarantined_and_recorded_by_the_next_writer()
    {
        File.AppendAllText(Entries, "{\"actor\":\"tester\",\"deta");
        using (var reader = AtharArchive.Open(_root, writable: false))
            Assert.NotNull(reader.Ledger.TornTail);
        using var writer = AtharArchive.Open(_root, writable: true);
        var torn = writer.Ledger.TornTail;
        Assert.NotNull(torn);
        Assert.True(File.Exists(Path.Combine(_root, "ledger", "quarantine", torn!.QuarantineFile!)));
        var last = writer.Ledger.Read(writer.Ledger.Size - 1);
        Assert.Equal(CustodyEventTypes.TornTailQuarantined, last.Type);
        writer.WriteCheckpoint("tester");
        writer.Dispose();
        Assert.True(Verify().Ok, string.Join("; ", Verify().Problems.Select(p => p.Message)));
    }

    public void Dispose() => _temp.Dispose();
}
