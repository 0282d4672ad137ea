using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Athar.Storage.Catalog;

/// <summary>
/// The SQLite catalog: an index over the ledger and the objects, for search and counting. It records how
/// many ledger entries it has applied, so that after a crash it catches up from the ledger on open.
/// </summary>
public sealed partial class ArchiveCatalog : IDisposable
{
    private const string AppliedKey = "ledgerApplied";

    private ArchiveCatalog(SqliteConnection connection, string path)
    {
        Connection = connection;
        Path = path;
    }

    public string Path { get; }
    internal SqliteConnection Connection { get; }

    public static ArchiveCatalog Create(string path)
    {
        if (File.Exists(path)) throw new IOException($"{path}: a catalog already exists");
        var catalog = Open(path, create: true);
        using var transaction = catalog.Connection.BeginTransaction();
        catalog.Execute(CatalogSchema.Create, transaction);
        catalog.SetMeta("schemaVersion", CatalogSchema.Version.ToString(CultureInfo.InvariantCulture), transaction);
        catalog.SetMeta(AppliedKey, "0", transaction);
        transaction.Commit();
        return catalog;
    }

    public static ArchiveCatalog Open(string path, bool create = false)
    {
        if (!create && !File.Exists(path)) throw new FileNotFoundException($"{path}: no catalog here", path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        var catalog = new ArchiveCatalog(connection, path);
        // WAL lets readers (the web app) work while ingest writes. The catalog is rebuildable from the
        // ledger, so NORMAL synchronous is enough: a lost last transaction is replayed on open.
        catalog.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;");
        return catalog;
    }

    /// <summary>The schema the catalog was created with (<see cref="CatalogSchema.Version"/> when current).</summary>
    public int SchemaVersion => int.TryParse(GetMeta("schemaVersion"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    /// <summary>How many ledger entries the catalog reflects.</summary>
    public long LedgerApplied => long.Parse(GetMeta(AppliedKey) ?? "0", CultureInfo.InvariantCulture);

    internal void SetLedgerApplied(long count, SqliteTransaction transaction) =>
        SetMeta(AppliedKey, count.ToString(CultureInfo.InvariantCulture), transaction);

    public string? GetMeta(string key)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    internal void SetMeta(string key, string value, SqliteTransaction? transaction = null)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    internal void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Folds the write-ahead log into the database file, so the file alone is complete.</summary>
    public void Checkpoint() => Execute("PRAGMA wal_checkpoint(TRUNCATE);");

    public void Dispose()
    {
        Connection.Dispose();
    }
}
