using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Storage.Ledger;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Ledger;

/// <summary>
/// A reader (writable: false) can open the ledger while a writer appends. The writer makes the entries durable
/// before it writes their index, so a reader may find complete entries past the index's end; it must read them
/// as well as the indexed ones (the web app's ledger index catches up from such a reader after every item view).
/// </summary>
public sealed class LedgerReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new("ledger-reader");

    [Fact]
    public void A_reader_reads_entries_whose_index_the_writer_has_not_written_yet()
    {
        var directory = _temp.Combine("ledger");
        using (var writer = CustodyLedger.Create(directory))
            for (var i = 0; i < 5; i++)
                writer.Append(new CustodyEvent("item-viewed", "web:test", new JsonObject { ["item"] = $"item-{i}" }, []));
        // The moment between the writer's fsync of entries 3 and 4 and its write of their index.
        var files = new LedgerFiles(directory);
        using (var index = new FileStream(files.Index, FileMode.Open)) index.SetLength(3 * sizeof(long));

        using var reader = CustodyLedger.Open(directory, writable: false);
        Assert.Equal(5, reader.Size);
        Assert.Equal([3L, 4L], reader.ReadAll(3).Select(e => e.Entry.Sequence));
        Assert.Equal([4L], reader.ReadAll(4).Select(e => e.Entry.Sequence));
        Assert.Equal("item-4", (string?)reader.Read(4).Subject["item"]);
        Assert.Equal("item-2", (string?)reader.Read(2).Subject["item"]);
        Assert.Equal(5, reader.ReadAll(0).Count());
        // The reader wrote nothing: the index is still the writer's to complete.
        Assert.Equal(3 * sizeof(long), new FileInfo(files.Index).Length);
    }

    public void Dispose() => _temp.Dispose();
}
