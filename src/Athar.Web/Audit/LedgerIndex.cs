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
/// ledger (read-only) before each query; delete the file and it is rebuilt.
/// </summary>
public sealed partial class LedgerIndex : IDisposable
{
    private readonly string _archive;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public LedgerIndex(IOptions<AtharWebOptions> options)
    {
        _archive = options.Value.Archive;
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

    /// <summary>Indexes ledger entries added since the last call.</summary>
    public void CatchUp()
    {
        _gate.Wait();
        try
        {
            using var connection = Open();
            var next = connection.ExecuteScalar<long?>("SELECT MAX(seq) FROM entries") is { } max ? max + 1 : 0;
            using var ledger = CustodyLedger.Open(new ArchiveLayout(_archive).Ledger, writable: false);
            if (next >= ledger.Size) return;
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
        }
        finally
        {
            _gate.Release();
        }
    }

    public IReadOnlyList<LedgerRow> Query(LedgerFilter filter, int limit = 100)
    {
        CatchUp();
        using var connection = Open();
        return connection.Query<LedgerRow>("""
            SELECT seq AS Seq, time AS Time, type AS Type, actor AS Actor, item AS Item, subject AS Subject, details AS Details
            FROM entries
            WHERE (@Actor IS NULL OR actor = @Actor) AND (@Type IS NULL OR type = @Type) AND (@Item IS NULL OR item = @Item)
              AND (@BeforeSeq IS NULL OR seq < @BeforeSeq)
            ORDER BY seq DESC LIMIT @limit
            """, new { filter.Actor, filter.Type, filter.Item, filter.BeforeSeq, limit }).AsList();
    }

    /// <summary>As <see cref="Query"/>, restricted to entries of the given types (the filter's own type is ignored).</summary>
    public IReadOnlyList<LedgerRow> QueryTypes(IReadOnlyList<string> types, LedgerFilter filter, int limit = 100)
    {
        CatchUp();
        using var connection = Open();
        return connection.Query<LedgerRow>("""
            SELECT seq AS Seq, time AS Time, type AS Type, actor AS Actor, item AS Item, subject AS Subject, details AS Details
            FROM entries
            WHERE type IN @types AND (@Actor IS NULL OR actor = @Actor) AND (@Item IS NULL OR item = @Item)
              AND (@BeforeSeq IS NULL OR seq < @BeforeSeq)
            ORDER BY seq DESC LIMIT @limit
            """, new { types, filter.Actor, filter.Item, filter.BeforeSeq, limit }).AsList();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;");
        return connection;
    }

    public void Dispose() => _gate.Dispose();
}
