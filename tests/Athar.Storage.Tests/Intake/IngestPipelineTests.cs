using System.Text;
using Athar.Core.Intake;
using Athar.Core.Intake.Sources;
using Athar.Storage.Ocfl;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Intake;

/// <summary>The real <see cref="IngestPipeline"/> with the real <see cref="ArchiveIngestCommitter"/> on a real archive.</summary>
public sealed class IngestPipelineTests : IDisposable
{
    private readonly TempDirectory _temp = new("pipeline");
    private readonly AtharArchive _archive;
    private static readonly SourceDescription Source = new("d1", "custodian", "2014-01-20", null);

    public IngestPipelineTests() => _archive = AtharArchive.Init(_temp.Combine("archive"));

    public void Dispose()
    {
        _archive.Dispose();
        _temp.Dispose();
    }

    private IngestPipeline Pipeline(IngestOptions? options = null) => new(new ArchiveIngestCommitter(_archive, "test"), options);

    private static SourceEntry Entry(string path, Func<Stream> open, long size = 0) =>
        new() { Path = path, Kind = SourceEntryKind.File, Size = size, Origin = "/test", Open = open };

    private string[] StagingLeftovers() => Directory.GetFileSystemEntries(_archive.Layout.Staging);

    [Fact]
    public async Task A_stream_that_throws_an_io_error_mid_read_is_rejected_with_its_reason_and_nothing_of_it_is_recorded()
    {
        var good = Encoding.UTF8.GetBytes("a good file");
        var entries = new[]
        {
            Entry("bad-sector.jpg", () => new FailingStream(new byte[3 << 20], failAfter: 2 << 20)),
            Entry("good.txt", () => new MemoryStream(good)),
        };

        var summary = await Pipeline().RunAsync(entries, Source, cancel: TestContext.Current.CancellationToken);

        var rejection = Assert.Single(summary.Rejected);
        Assert.Equal("bad-sector.jpg", rejection.Path);
        Assert.StartsWith("read failed after 2097152 bytes: ", rejection.Reason);
        Assert.Contains("EIO-like failure", rejection.Reason);
        Assert.Equal(1, summary.NewItems);
        Assert.Equal(1, _archive.Catalog.Counts().Items);
        Assert.Equal(1, _archive.Catalog.Counts().Rejections);
        Assert.Single(_archive.Objects.EnumerateObjectFolders());
        Assert.Empty(StagingLeftovers());
    }

    [Fact]
    public async Task When_an_object_cannot_be_put_in_place_the_batchs_objects_already_placed_are_taken_out_again()
    {
        // Twenty files in one batch; the last one's fan-out folder cannot be made (a file stands where the folder
        // would go, as a full disk refuses a new folder). Nothing of the batch is recorded, so nothing of it may stay
        // in objects/: the objects renamed before the failure are taken out, with the fan-out folders they made.
        var contents = Enumerable.Range(0, 20).Select(i => Encoding.UTF8.GetBytes($"file {i}")).ToArray();
        var digests = contents.Select(c => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(c))).ToArray();
        var blocked = OcflStorageRootSegment(digests[^1]);
        Assert.DoesNotContain(blocked, digests[..^1].Select(OcflStorageRootSegment));
        var blocker = Path.Combine(_archive.Objects.Path, blocked);
        File.WriteAllText(blocker, "not a folder");
        var entries = contents.Select((c, i) => Entry($"f{i:D2}.txt", () => new MemoryStream(c), c.Length)).ToArray();

        await Assert.ThrowsAsync<IngestAbortedException>(() => Pipeline().RunAsync(entries, Source, cancel: TestContext.Current.CancellationToken));

        Assert.Empty(_archive.Objects.EnumerateObjectFolders());
        Assert.DoesNotContain(Directory.GetDirectories(_archive.Objects.Path), d => Path.GetFileName(d) is { Length: 3 } n && n.All(char.IsAsciiHexDigitLower));
        Assert.Equal(0, _archive.Catalog.Counts().Items);
        Assert.Empty(StagingLeftovers());
    }

    private static string OcflStorageRootSegment(string digest) => OcflStorageRoot.RelativeObjectPath(digest).Split('/')[0];

    [Fact]
    public async Task A_stream_that_cannot_be_opened_is_rejected_and_the_run_goes_on()
    {
        var entries = new[]
        {
            Entry("locked.jpg", () => throw new UnauthorizedAccessException("Access to the path is denied.")),
            Entry("fine.txt", () => new MemoryStream("fine"u8.ToArray())),
        };
        var summary = await Pipeline().RunAsync(entries, Source, cancel: TestContext.Current.CancellationToken);
        Assert.StartsWith("cannot open: Access to the path is denied", Assert.Single(summary.Rejected).Reason);
        Assert.Equal(1, summary.NewItems);
        Assert.Empty(StagingLeftovers());
    }

    [Fact]
    public async Task A_real_file_appended_to_while_it_is_read_is_rejected_as_changed_and_never_recorded_with_a_wrong_digest()
    {
        var file = _temp.WriteFile("src/growing.jpg", new byte[3 << 20]);
        var listed = DirectorySource.Describe(file, "growing.jpg", _temp.Combine("src"), out _)!;
        // The entry as the walk made it, with its real re-stat check; the test appends after the first read.
        var entry = new SourceEntry
        {
            Path = listed.Path, Kind = listed.Kind, Origin = listed.Origin, Size = listed.Size, Modified = listed.Modified,
            Changed = listed.Changed, Accessed = listed.Accessed, CheckUnchanged = listed.CheckUnchanged,
            Open = () => new AfterFirstReadStream(listed.Open!(), () => File.AppendAllText(file, "appended by someone else")),
        };

        var summary = await Pipeline().RunAsync([entry], Source, cancel: TestContext.Current.CancellationToken);

        var rejection = Assert.Single(summary.Rejected);
        Assert.StartsWith("changed while being read: size went from 3145728 to 3145752 bytes", rejection.Reason);
        Assert.Equal(0, summary.NewItems);
        Assert.Equal(0, _archive.Catalog.Counts().Items);
        Assert.Empty(_archive.Objects.EnumerateObjectFolders());
        Assert.Empty(StagingLeftovers());
    }

    [Fact]
    public async Task A_real_file_rewritten_in_place_while_it_is_read_is_rejected_as_changed()
    {
        var file = _temp.WriteFile("src/edited.jpg", new byte[3 << 20]);
        var listed = DirectorySource.Describe(file, "edited.jpg", _temp.Combine("src"), out _)!;
        var entry = new SourceEntry
        {
            Path = listed.Path, Kind = listed.Kind, Origin = listed.Origin, Size = listed.Size, Modified = listed.Modified,
            Changed = listed.Changed, CheckUnchanged = listed.CheckUnchanged,
            Open = () => new AfterFirstReadStream(listed.Open!(), () =>
            {
                Thread.Sleep(20); // past the file system's timestamp granularity
                using var writer = new FileStream(file, FileMode.Open, FileAccess.Write);
                writer.Write([1, 2, 3]);
            }),
        };
        var summary = await Pipeline().RunAsync([entry], Source, cancel: TestContext.Current.CancellationToken);
        Assert.StartsWith("changed while being read: its modification time changed", Assert.Single(summary.Rejected).Reason);
        Assert.Equal(0, _archive.Catalog.Counts().Items);
    }

    [Fact]
    public async Task A_file_without_read_permission_is_rejected_when_not_running_as_root()
    {
        if (Environment.UserName == "root" || geteuid() == 0) Assert.Skip("running as root: chmod 000 does not stop reads (the FailingStream test covers unreadable files)");
        var file = _temp.WriteFile("src/secret.jpg", [0xFF, 0xD8, 0xFF]);
        _temp.WriteFile("src/open.jpg", [0xFF, 0xD8, 0xFF, 0x00]);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.None);
        var summary = await Pipeline().RunAsync([_temp.Combine("src")], Source, cancel: TestContext.Current.CancellationToken);
        var rejection = Assert.Single(summary.Rejected);
        Assert.Equal("secret.jpg", rejection.Path);
        Assert.StartsWith("cannot open: ", rejection.Reason);
        Assert.Equal(1, summary.NewItems);
    }

    [Fact]
    public async Task A_worker_that_fails_unexpectedly_ends_the_run_with_its_error_instead_of_hanging()
    {
        // Not a source failure (those reject the file): an unexpected bug in a reader must surface.
        var entries = new[]
        {
            Entry("buggy.jpg", () =>
            {
                Thread.Sleep(300); // let the commit loop start waiting first
                throw new InvalidOperationException("bug in a source reader");
            }),
        };
        var run = Pipeline().RunAsync(entries, Source, cancel: TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(finished == run, "the pipeline hung after a worker failed");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run);
        Assert.Equal("bug in a source reader", error.Message);
        Assert.Empty(StagingLeftovers());
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();

    [Fact]
    public async Task Many_small_commits_while_workers_look_up_known_items_never_share_the_catalog_connection_unsafely()
    {
        // Workers ask the committer whether a digest is known while the main thread commits batches; both
        // used one SqliteConnection, which is not thread-safe (ingest crashed on dispose, exit 134).
        var entries = Enumerable.Range(0, 1200).Select(i => Entry($"f{i:D5}.txt", () => new MemoryStream(Encoding.UTF8.GetBytes($"file {i % 900}")))).ToList();
        var options = new IngestOptions { Workers = 4, BatchSize = 6, BatchLinger = TimeSpan.FromMilliseconds(1) };

        var archive = AtharArchive.Init(_temp.Combine("archive-2"));
        var summary = await new IngestPipeline(new ArchiveIngestCommitter(archive, "test"), options)
            .RunAsync(entries, Source, cancel: TestContext.Current.CancellationToken);

        Assert.Equal(900, summary.NewItems);
        Assert.Equal(300, summary.DuplicateCopies);
        Assert.Equal(1200, archive.Catalog.Counts().Copies);
        archive.Dispose(); // threw NullReferenceException inside SqliteConnection.Close when the connection had been shared
    }
}

/// <summary>Hands out bytes, then fails like a bad sector after <c>failAfter</c> bytes.</summary>
internal sealed class FailingStream(byte[] content, long failAfter) : Stream
{
    private long _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= failAfter) throw new IOException("Input/output error: EIO-like failure from the test");
        var take = (int)Math.Min(Math.Min(buffer.Length, failAfter - _position), content.Length - _position);
        content.AsSpan((int)_position, take).CopyTo(buffer);
        _position += take;
        return take;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => content.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Runs an action once, right after the first read of the inner stream: someone else touches the file mid-copy.</summary>
internal sealed class AfterFirstReadStream(Stream inner, Action afterFirstRead) : Stream
{
    private bool _done;

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, Math.Min(count, 64 * 1024));
        if (!_done) { _done = true; afterFirstRead(); }
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
