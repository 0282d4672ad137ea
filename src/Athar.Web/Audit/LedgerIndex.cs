using System.Text.Json.Nodes;
using Athar.Storage;
using Athar.Storage.Ledger;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Athar.Web.Audit;

/// <summary>One ledger entry as the web app lists it.</summary>
public sealed record LedgerRow(long Seq, string Time, string Type, string Actor, string? Item, string Subject, string Details);

/// <summary>Filters for the audit page; null means any.</summary>
public sealed record LedgerFilter(string? Actor = null, string? Type = null, string? Item = null, long? BeforeSeq = null);

/// <summary>
/// A derived, regenerable index of the custody ledger in <c>derived/web/ledger-index.db</c> (type, actor, item
/// per entry), so the audit page and an item's history need not scan the ledger. It catches up from the
/// ledger (read-only) before each query; delete the file and it is rebuilt. Being derived, it is written
/// without an fsync per transaction (SQLite's synchronous=NORMAL): a transaction lost in a crash is read again
/// from the ledger by the next catch-up, which starts after the highest entry the file holds.
/// </summary>
public sealed partial class LedgerIndex : IDisposable
{
    private readonly string _archive;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LedgerFiles _ledgerFiles;
    private (long Length, DateTime Written) _caughtUpTo = (-1, default);

    public LedgerIndex(IOptions<AtharWebOptions> options)
    {
        _archive = options.Value.Archive;
        _ledgerFiles = new LedgerFiles(new ArchiveLayout(_archive).Ledger);
        var path = Path.Combine(new ArchiveLayout(_archive).Derived, "web", "ledger-index.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        using var connection = Open();
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS entries (
                seq INTEGER PRIMARY KEY, time TEXT NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL, item TEXT,
                subject TEXT NOT NULL, details TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS entries_by_item ON entries(item, seq);
            CREATE INDEX IF NOT EXISTS entries_by_actor ON entries(actor, seq);
            CREATE INDEX IF NOT EXISTS entries_by_type ON entries(type, seq);
            """);
    }

    /// <summary>
    /// Indexes ledger entries added since the last call. The ledger only grows, so when its entries file has the
    /// length and write time it had at the last catch-up there is nothing to read, and neither the ledger nor a
    /// write transaction is opened (most pages other than the item page, which appends, find it so).
    /// </summary>
    public void CatchUp()
    {
        _gate.Wait();
        try
        {
            var entriesFile = new FileInfo(_ledgerFiles.Entries);
            // Taken before reading: entries appended meanwhile are read now or, the stamp having changed, next time.
            var stamp = entriesFile.Exists ? (entriesFile.Length, entriesFile.LastWriteTimeUtc) : (-1L, default);
            if (stamp == _caughtUpTo) return;
            using var connection = Open();
            var next = connection.ExecuteScalar<long?>("SELECT MAX(seq) FROM entries") is { } max ? max + 1 : 0;
            using var ledger = CustodyLedger.Open(new ArchiveLayout(_archive).Ledger, writable: false);
            if (next >= ledger.Size)
            {
                _caughtUpTo = stamp;
                return;
            }
            using var transaction = connection.BeginTransaction();
            foreach (var (entry, _) in ledger.ReadAll(next))
            {
                connection.Execute("INSERT OR IGNORE INTO entries VALUES (@seq, @time, @type, @actor, @item, @subject, @details)", new
                {
                    seq = entry.Sequence,
                    time = Athar.Core.Custody.CustodyEntry.FormatTime(entry.Time),
                    type = entry.Type,
                    actor = entry.Actor,
                    item = entry.Subject["item"] is JsonValue v && v.TryGetValue<string>(out var item) ? item : null,
                    subject = entry.Subject.ToJsonString(),
                    details = entry.Details.ToJsonString(),
                }, transaction);
            }
            transaction.Commit();
            _caughtUpTo = stamp;
        }
        finally
        {
            _gate.Release();
        }
    }

    public IReadOnlyList<LedgerRow> Query(LedgerFilter filter, int limit = 100) => Select(filter, null, limit);

    /// <summary>As <see cref="Query"/>, restricted to entries of the given types (the filter's own type is ignored).</summary>
    public IReadOnlyList<LedgerRow> QueryTypes(IReadOnlyList<string> types, LedgerFilter filter, int limit = 100) => Select(filter with { Type = null }, types, limit);

    /// <summary>
    /// Only the filters given become conditions, so SQLite can use the item, actor or type index. A fixed
    /// <c>(@Item IS NULL OR item = @Item)</c> for every filter cannot use any index, and each item page then read
    /// the whole table backwards looking for its few entries: a cost that grows with every view the ledger records.
    /// </summary>
    private List<LedgerRow> Select(LedgerFilter filter, IReadOnlyList<string>? types, int limit)
    {
        CatchUp();
        var where = new List<string>();
        if (filter.Actor is not null) where.Add("actor = @Actor");
        if (filter.Type is not null) where.Add("type = @Type");
        if (types is not null) where.Add("type IN @types");
        if (filter.Item is not null) where.Add("item = @Item");
        if (filter.BeforeSeq is not null) where.Add("seq < @BeforeSeq");
        using var connection = Open();
        return connection.Query<LedgerRow>($"""
            SELECT seq AS Seq, time AS Time, type AS Type, actor AS Actor, item AS Item, subject AS Subject, details AS Details
            FROM entries {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY seq DESC LIMIT @limit
            """, new { filter.Actor, filter.Type, types, filter.Item, filter.BeforeSeq, limit }).AsList();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
        return connection;
    }

    public void Dispose() => _gate.Dispose();
}
