using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Core.Intake;
using Athar.Core.Intake.Sources;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Intake;

/// <summary>
/// Names that are not UTF-8 (an old Arabic Windows machine writes Windows-1256) are read, preserved and
/// recorded with their bytes; .NET's own file APIs could neither open nor tell such files apart.
/// </summary>
public sealed class LegacyFileNameTests : IDisposable
{
    private static readonly byte[] Cp1256Folder = [0xC7, 0xE1, 0xD5, 0xE6, 0xD1]; // "الصور" in Windows-1256
    private static readonly byte[] Cp1256File = [0xD5, 0xE6, 0xD1, (byte)'1', (byte)'.', (byte)'j', (byte)'p', (byte)'g'];
    private static readonly byte[] OtherFile = [0xD5, 0xE6, 0xD1, (byte)'2', (byte)'.', (byte)'j', (byte)'p', (byte)'g'];
    private readonly TempDirectory _temp = new("legacy-names");

    public LegacyFileNameTests()
    {
        var source = Encoding.UTF8.GetBytes(_temp.Combine("src"));
        Directory.CreateDirectory(_temp.Combine("src"));
        MakeFolder([.. source, (byte)'/', .. Cp1256Folder]);
        WriteFile([.. source, (byte)'/', .. Cp1256Folder, (byte)'/', .. Cp1256File], "first photo");
        WriteFile([.. source, (byte)'/', .. Cp1256Folder, (byte)'/', .. OtherFile], "second photo");
        File.WriteAllText(_temp.Combine("src/plain.txt"), "plain");
    }

    [Fact]
    public void The_walk_reads_every_name_as_bytes_and_opens_each_file()
    {
        var entries = DirectorySource.Walk(_temp.Combine("src")).ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(SourceEntryKind.File, e.Kind));
        var first = entries.Single(e => e.Path == "%C7%E1%D5%E6%D1/%D5%E6%D11.jpg");
        Assert.Equal([.. Cp1256Folder, (byte)'/', .. Cp1256File], first.PathBytes!);
        using (var stream = first.Open!()) Assert.Equal("first photo", new StreamReader(stream).ReadToEnd());
        Assert.Null(entries.Single(e => e.Path == "plain.txt").PathBytes);
        Assert.Null(first.CheckUnchanged!());
    }

    [Fact]
    public async Task Ingest_records_the_bytes_of_such_a_path_and_keeps_each_file_apart()
    {
        using var archive = AtharArchive.Init(_temp.Combine("archive"));
        var summary = await new IngestPipeline(new ArchiveIngestCommitter(archive, "test"))
            .RunAsync([_temp.Combine("src")], new SourceDescription("d1", null, null, null), cancel: TestContext.Current.CancellationToken);
        Assert.Equal(3, summary.NewItems);
        Assert.Empty(summary.Rejected);
        var copies = archive.Ledger.ReadAll().Select(e => e.Entry).Where(e => e.Type == CustodyEventTypes.CopyIngested).ToList();
        var legacy = copies.Where(c => c.Details["pathBytes"] is not null).ToList();
        Assert.Equal(2, legacy.Count);
        Assert.Equal(Convert.ToHexStringLower([.. Cp1256Folder, (byte)'/', .. OtherFile]),
            legacy.Single(c => c.Details["path"]!.GetValue<string>().EndsWith("%D5%E6%D12.jpg", StringComparison.Ordinal)).Details["pathBytes"]!.GetValue<string>());
        Assert.DoesNotContain("pathBytes", copies.Single(c => c.Details["path"]!.GetValue<string>() == "plain.txt").Details.Select(p => p.Key));
    }

    [Fact]
    public async Task Ingest_of_a_zip_records_the_bytes_of_a_legacy_entry_name()
    {
        var zipPath = _temp.Combine("legacy.zip");
        // Latin-1 writes each char as one byte and sets no UTF-8 flag: the entry names are exactly these bytes.
        using (var zip = System.IO.Compression.ZipFile.Open(zipPath, System.IO.Compression.ZipArchiveMode.Create, Encoding.Latin1))
        {
            foreach (var (name, content) in new[] { (Cp1256File, "first photo"), (OtherFile, "second photo") })
            {
                using var stream = zip.CreateEntry(Encoding.Latin1.GetString([.. Cp1256Folder, (byte)'/', .. name])).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        using var archive = AtharArchive.Init(_temp.Combine("archive"));

        var summary = await new IngestPipeline(new ArchiveIngestCommitter(archive, "test"))
            .RunAsync([zipPath], new SourceDescription("d1", null, null, null), cancel: TestContext.Current.CancellationToken);

        Assert.Equal(3, summary.NewItems); // the ZIP itself and its two entries
        var copies = archive.Ledger.ReadAll().Select(e => e.Entry).Where(e => e.Type == CustodyEventTypes.CopyIngested).ToList();
        var second = copies.Single(c => c.Details["path"]!.GetValue<string>() == "legacy.zip!/%C7%E1%D5%E6%D1/%D5%E6%D12.jpg");
        Assert.Equal(Convert.ToHexStringLower([.. "legacy.zip!/"u8, .. Cp1256Folder, (byte)'/', .. OtherFile]), second.Details["pathBytes"]!.GetValue<string>());
    }

    private static unsafe void MakeFolder(byte[] path)
    {
        fixed (byte* p = Terminated(path)) Assert.Equal(0, mkdir(p, 0x1ED));
    }

    private static unsafe void WriteFile(byte[] path, string content)
    {
        int fd;
        fixed (byte* p = Terminated(path)) fd = creat(p, 0x1A4);
        Assert.True(fd >= 0, $"creat failed: errno {Marshal.GetLastPInvokeError()}");
        var bytes = Encoding.UTF8.GetBytes(content);
        fixed (byte* b = bytes) Assert.Equal(bytes.Length, (int)write(fd, b, bytes.Length));
        Assert.Equal(0, close(fd));
    }

    private static byte[] Terminated(byte[] path) => [.. path, 0];

    [DllImport("libc", SetLastError = true)] private static extern unsafe int mkdir(byte* path, uint mode);
    [DllImport("libc", SetLastError = true)] private static extern unsafe int creat(byte* path, uint mode);
    [DllImport("libc", SetLastError = true)] private static extern unsafe nint write(int fd, byte* buffer, nint count);
    [DllImport("libc", SetLastError = true)] private static extern int close(int fd);

    public void Dispose() => _temp.Dispose();
}
