using Athar.Core.Custody;
using Athar.TestSupport;
using Microsoft.Data.Sqlite;

namespace Athar.Storage.Tests.Catalog;

/// <summary>A catalog from an older Athar is rebuilt from the ledger, never migrated in place.</summary>
public sealed class CatalogSchemaUpgradeTests
{
    [Fact]
    public void An_old_schema_is_rebuilt_on_a_writable_open_and_refused_with_advice_on_a_read_only_one()
    {
        using var temp = new TempDirectory("schema-upgrade");
        var root = temp.Combine("archive");
        long size;
        using (var archive = AtharArchive.Init(root))
        {
            size = archive.Ledger.Size;
            var current = archive.Catalog.SchemaVersion;
            Assert.True(current >= 2);
        }
        // What an Athar with schema 1 left behind: no archive-level tables, and its version in meta.
        using (var connection = new SqliteConnection($"Data Source={new ArchiveLayout(root).Catalog};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE archive_analyses; UPDATE meta SET value = '1' WHERE key = 'schemaVersion';";
            command.ExecuteNonQuery();
        }

        var refused = Assert.Throws<InvalidOperationException>(() => AtharArchive.Open(root, writable: false));
        Assert.Contains("athar rebuild", refused.Message, StringComparison.Ordinal);

        using (var reopened = AtharArchive.Open(root, writable: true))
        {
            Assert.NotEqual(1, reopened.Catalog.SchemaVersion);
            Assert.Null(reopened.Catalog.ArchiveRun("anything")); // the table exists again
            Assert.Equal(size + 1, reopened.Ledger.Size);
            Assert.Equal(CustodyEventTypes.CatalogRebuilt, reopened.Ledger.Read(size).Type);
            Assert.Equal(reopened.Ledger.Size, reopened.Catalog.LedgerApplied);
        }
        using var readOnly = AtharArchive.Open(root, writable: false);
        Assert.Equal(size + 1, readOnly.Catalog.LedgerApplied);
    }
}
