using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Catalog;

public sealed class CatalogProjectorTests
{
    private static CustodyEvent Copy(string path) => new(CustodyEventTypes.CopyIngested, "test",
        new JsonObject { ["item"] = new string('a', 64), ["source"] = "d1" },
        new JsonObject
        {
            ["path"] = path, ["size"] = 3, ["mediaType"] = "text/plain", ["objectPath"] = "x/y/z", ["storedName"] = "a.txt",
            ["toolVersion"] = "athar test",
        });

    [Fact]
    public void A_ledger_that_records_the_same_copy_twice_still_projects_opens_and_rebuilds()
    {
        using var temp = new TempDirectory("projector");
        var root = temp.Combine("archive");
        long first;
        using (var archive = AtharArchive.Init(root))
        {
            first = archive.Ledger.Size; // init wrote archive-created, key-created and a checkpoint
            archive.Record([Copy("a.txt"), Copy("a.txt")]);
            archive.Record([new CustodyEvent(CustodyEventTypes.Rejection, "test", new JsonObject { ["source"] = "d1" },
                new JsonObject { ["path"] = "p", ["reason"] = "r" })]);
            archive.Record([new CustodyEvent(CustodyEventTypes.Rejection, "test", new JsonObject { ["source"] = "d1" },
                new JsonObject { ["path"] = "p", ["reason"] = "r" })]);
            Assert.Equal(first + 4, archive.Ledger.Size);
            Assert.Equal(1, archive.Catalog.Counts().Copies);
            Assert.Equal(1, archive.Catalog.Counts().Rejections);
        }
        using (var reopened = AtharArchive.Open(root, writable: true))
        {
            Assert.Equal(first + 4, reopened.Catalog.LedgerApplied);
            reopened.RebuildCatalog("test");
            Assert.Equal(1, reopened.Catalog.Counts().Copies);
            Assert.Equal(first, reopened.Catalog.CopiesOf(new string('a', 64))[0].LedgerSeq);
        }
    }
}
