using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Storage;
using Athar.TestSupport;
using Athar.Web.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Athar.Web.Tests.Audit;

/// <summary>
/// Concurrent audit events share writes (group commit, and one open of the archive for batches that follow each
/// other); each is recorded exactly once, the catalog follows the ledger, and once the callers have their answers
/// and nothing waits, the writer lock is free for another athar process.
/// </summary>
public sealed class AuditGroupCommitTests
{
    [Fact]
    public async Task Concurrent_events_are_each_recorded_once_and_the_lock_is_given_back()
    {
        using var temp = new TempDirectory("web-group-commit");
        var root = temp.Combine("archive");
        AtharArchive.Init(root, actor: "tester").Dispose();
        var recorder = new AuditRecorder(Options.Create(new AtharWebOptions { Archive = root }), TimeProvider.System, NullLogger<AuditRecorder>.Instance);
        long sizeBefore;
        using (var before = AtharArchive.Open(root, writable: false)) sizeBefore = before.Ledger.Size;

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
                recorder.RecordAsync(CustodyEventTypes.ItemViewed, "web:tester", new JsonObject { ["item"] = $"item-{round}-{i}" }))));
            // Not "eventually": the last batch closed the archive before its callers were answered.
            using var other = AtharArchive.Open(root, writable: true);
            Assert.Equal(0, other.CatchUpCatalog());
        }

        using var archive = AtharArchive.Open(root, writable: false);
        var items = archive.Ledger.ReadAll(sizeBefore).Select(e => (string?)e.Entry.Subject["item"]).ToList();
        Assert.Equal(120, items.Count);
        Assert.Equal(120, items.Distinct().Count());
        Assert.Equal(archive.Ledger.Size, archive.Catalog.LedgerApplied);
    }
}
