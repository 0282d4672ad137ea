using Athar.Storage;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Athar.Web.Catalog;

/// <summary>
/// A derived, regenerable lookup of what the gallery filters and the dashboard charts need, one row per item in
/// <c>derived/web/gallery-index.db</c>: camera (EXIF make and model) and date taken (EXIF DateTimeOriginal),
/// both from the metadata analyzer's <c>exif.summary</c> finding; the highest finding severity; each finding code;
/// each source; and a trigram full-text index over the copies' paths and notes. Every row is keyed by the
/// item's rowid in catalog.db, the gallery's keyset order, so each filter can be read in that order from an index.
/// The catalog is never written: it is attached and only read. The index catches up from watermarks (items rowid,
/// copies id, findings id) at most every <see cref="CatchUpInterval"/>; a catalog rebuilt under it is noticed
/// and the index is made again. Delete the file to rebuild it.
/// <para>
/// Requests never do the catch-up themselves and never block on it (<see cref="EnsureCurrentAsync"/>): one
/// background task at a time does it; a request awaits it (asynchronously) only until the index has first been
/// built, and after that reads the index as it stands, at most one interval and one catch-up behind. Blocking request threads on the catch-up's lock
/// (and SQLite's busy retries under it) starved the thread pool on 2 cores: docs/benchmarks.md.
/// </para>
/// </summary>
public sealed partial class GalleryIndex : IDisposable
{
    public static readonly TimeSpan CatchUpInterval = TimeSpan.FromSeconds(2);

    private readonly string _catalogPath;
    private readonly string _connectionString;

    private readonly Lock _gate = new();     // held while catching up (background task, or an explicit CatchUp call)
    private readonly Lock _runGate = new();  // held only to start or look at the running catch-up, never across I/O
    private Task? _running;
    private volatile bool _built;
    private long _lastCatchUp = -1; // Environment.TickCount64 of the last catch-up; -1 before the first

    public GalleryIndex(IOptions<AtharWebOptions> options)
    {
        var layout = new ArchiveLayout(options.Value.Archive);
        _catalogPath = layout.Catalog;
        var path = Path.Combine(layout.Derived, "web", "gallery-index.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        using var connection = OpenRaw();
        connection.Execute("""
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS item (
                item_rowid INTEGER PRIMARY KEY, media_type TEXT NOT NULL, camera TEXT, taken TEXT, month TEXT,
                severity INTEGER NOT NULL DEFAULT -1);
            CREATE INDEX IF NOT EXISTS item_by_camera ON item(camera, item_rowid);
            CREATE INDEX IF NOT EXISTS item_by_media ON item(media_type, item_rowid);
            CREATE INDEX IF NOT EXISTS item_by_severity ON item(severity, item_rowid);
            CREATE INDEX IF NOT EXISTS item_by_month ON item(month);
            CREATE INDEX IF NOT EXISTS item_by_taken ON item(taken, item_rowid);
            CREATE TABLE IF NOT EXISTS code (code TEXT NOT NULL, item_rowid INTEGER NOT NULL, severity INTEGER NOT NULL,
                PRIMARY KEY (code, item_rowid)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS code_by_item ON code(item_rowid);
            CREATE TABLE IF NOT EXISTS source (source_id INTEGER NOT NULL, item_rowid INTEGER NOT NULL,
                PRIMARY KEY (source_id, item_rowid)) WITHOUT ROWID;
            CREATE VIRTUAL TABLE IF NOT EXISTS text USING fts5(body, tokenize = 'trigram');
            """);
    }

    /// <summary>
    /// Makes sure a catch-up has run within <see cref="CatchUpInterval"/>: starts one in the background if not,
    /// and, until the index has first been built, waits for it without holding a thread. After that it does not wait:
    /// waiting even 100 ms for the catch-up under way put that 100 ms into the gallery's p95 (docs/benchmarks.md).
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken cancel = default)
    {
        Task running;
        lock (_runGate)
        {
            if (_running is { IsCompleted: false } r) running = r;
            else if (_built && Recent(Interlocked.Read(ref _lastCatchUp))) return;
            else running = _running = Task.Run(() => CatchUp(force: true), CancellationToken.None);
        }
        if (!_built) await running.WaitAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Brings the index up to the catalog, unless it did so within <see cref="CatchUpInterval"/> (synchronous: for tools and tests).</summary>
    public void CatchUp(bool force = false)
    {
        if (!force && Recent(Interlocked.Read(ref _lastCatchUp))) return;
        lock (_gate)
        {
            if (!force && Recent(_lastCatchUp)) return;
            using var c = Open();
            var lastItem = State(c, "items");
            var lastItemId = c.ExecuteScalar<string?>("SELECT value FROM state WHERE key = 'itemId'");
            if (lastItem > 0 && c.ExecuteScalar<string?>("SELECT id FROM cat.items WHERE rowid = @lastItem", new { lastItem }) != lastItemId)
            {
                // The catalog was rebuilt (or replaced): start again.
                c.Execute("DELETE FROM item; DELETE FROM code; DELETE FROM source; DELETE FROM text; DELETE FROM state;");
                lastItem = 0;
            }
            else if (lastItem > 0
                && (c.ExecuteScalar<long?>("SELECT MAX(rowid) FROM cat.items") ?? 0) == lastItem
                && (c.ExecuteScalar<long?>("SELECT MAX(id) FROM cat.copies") ?? 0) == State(c, "copies")
                && (c.ExecuteScalar<long?>("SELECT MAX(id) FROM cat.findings") ?? 0) == State(c, "findings"))
            {
                // Nothing new: no write transaction (and no fsync) every CatchUpInterval while the catalog is idle.
                Interlocked.Exchange(ref _lastCatchUp, Environment.TickCount64);
                _built = true;
                return;
            }
            using var t = c.BeginTransaction();
            c.Execute("INSERT INTO item(item_rowid, media_type) SELECT rowid, media_type FROM cat.items WHERE rowid > @lastItem", new { lastItem }, t);
            var maxItem = c.ExecuteScalar<long?>("SELECT MAX(rowid) FROM cat.items", transaction: t) ?? 0;
            SetState(c, t, "items", maxItem);
            c.Execute("INSERT OR REPLACE INTO state VALUES ('itemId', (SELECT id FROM cat.items WHERE rowid = @maxItem))", new { maxItem }, t);

            // New copies: sources per item, and the text of every copy of each touched item.
            var lastCopy = State(c, "copies");
            c.Execute("""
                CREATE TEMP TABLE IF NOT EXISTS touched (item_rowid INTEGER PRIMARY KEY);
                DELETE FROM touched;
                INSERT OR IGNORE INTO touched SELECT i.rowid FROM cat.copies c JOIN cat.items i ON i.id = c.item_id WHERE c.id > @lastCopy;
                INSERT OR IGNORE INTO source(source_id, item_rowid) SELECT c.source_id, i.rowid FROM cat.copies c JOIN cat.items i ON i.id = c.item_id WHERE c.id > @lastCopy;
                DELETE FROM text WHERE rowid IN (SELECT item_rowid FROM touched);
                INSERT INTO text(rowid, body)
                  SELECT i.rowid, group_concat(c.path || CASE WHEN c.note IS NULL THEN '' ELSE ' ' || c.note END, char(10))
                  FROM touched u JOIN cat.items i ON i.rowid = u.item_rowid JOIN cat.copies c ON c.item_id = i.id GROUP BY i.rowid;
                """, new { lastCopy }, t);
            SetState(c, t, "copies", c.ExecuteScalar<long?>("SELECT MAX(id) FROM cat.copies", transaction: t) ?? 0);

            // New findings (a re-analysis replaces an analyzer's findings with new rows): recompute each touched item.
            var lastFinding = State(c, "findings");
            c.Execute("""
                DELETE FROM touched;
                INSERT OR IGNORE INTO touched SELECT i.rowid FROM cat.findings f JOIN cat.items i ON i.id = f.item_id WHERE f.id > @lastFinding;
                DELETE FROM code WHERE item_rowid IN (SELECT item_rowid FROM touched);
                INSERT INTO code(code, item_rowid, severity)
                  SELECT f.code, u.item_rowid, MAX(f.severity) FROM touched u JOIN cat.items i ON i.rowid = u.item_rowid
                  JOIN cat.findings f ON f.item_id = i.id GROUP BY f.code, u.item_rowid;
                UPDATE item SET severity = (SELECT MAX(severity) FROM code k WHERE k.item_rowid = item.item_rowid)
                  WHERE item_rowid IN (SELECT item_rowid FROM touched);
                CREATE TEMP TABLE IF NOT EXISTS exif (item_rowid INTEGER PRIMARY KEY, make TEXT, model TEXT, taken TEXT);
                DELETE FROM exif;
                INSERT OR REPLACE INTO exif
                  SELECT u.item_rowid, trim(json_extract(f.data, '$.make')), trim(json_extract(f.data, '$.model')),
                         json_extract(f.data, '$.dateTimeOriginal.value')
                  FROM touched u JOIN cat.items i ON i.rowid = u.item_rowid JOIN cat.findings f ON f.item_id = i.id AND f.code = 'exif.summary';
                UPDATE item SET
                  camera = (SELECT CASE WHEN e.make IS NULL AND e.model IS NULL THEN NULL
                                        WHEN e.make IS NULL THEN e.model WHEN e.model IS NULL THEN e.make
                                        WHEN lower(e.model) LIKE lower(e.make) || '%' THEN e.model ELSE e.make || ' ' || e.model END
                            FROM exif e WHERE e.item_rowid = item.item_rowid),
                  taken = (SELECT substr(e.taken, 1, 10) FROM exif e WHERE e.item_rowid = item.item_rowid),
                  month = (SELECT substr(e.taken, 1, 7) FROM exif e WHERE e.item_rowid = item.item_rowid)
                  WHERE item_rowid IN (SELECT item_rowid FROM touched);
                """, new { lastFinding }, t);
            SetState(c, t, "findings", c.ExecuteScalar<long?>("SELECT MAX(id) FROM cat.findings", transaction: t) ?? 0);
            t.Commit();
            // After a large catch-up (the first build at a million items writes hundreds of MB of WAL), fold the WAL
            // into the database now, in the request that did the work, rather than in some later request's commit.
            if (maxItem - lastItem > 10_000) c.Execute("PRAGMA main.wal_checkpoint(TRUNCATE)");
            Interlocked.Exchange(ref _lastCatchUp, Environment.TickCount64);
            _built = true;
        }
    }

    private static bool Recent(long at) => at >= 0 && Environment.TickCount64 - at < CatchUpInterval.TotalMilliseconds;

    /// <summary>
    /// A connection to the index with the catalog attached as <c>cat</c>. Every statement here only reads
    /// <c>cat</c> (SQLite URI filenames, which could say mode=ro, are not enabled in this build).
    /// </summary>
    internal SqliteConnection Open()
    {
        var connection = OpenRaw();
        // Pooled connections keep their attachments.
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pragma_database_list WHERE name = 'cat'") == 0)
            connection.Execute("ATTACH DATABASE @path AS cat", new { path = Path.GetFullPath(_catalogPath) });
        return connection;
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA busy_timeout=5000;");
        return connection;
    }

    private static long State(SqliteConnection c, string key) =>
        long.TryParse(c.ExecuteScalar<string?>("SELECT value FROM state WHERE key = @key", new { key }), out var v) ? v : 0;

    private static void SetState(SqliteConnection c, SqliteTransaction t, string key, long value) =>
        c.Execute("INSERT OR REPLACE INTO state VALUES (@key, @value)", new { key, value = value.ToString(System.Globalization.CultureInfo.InvariantCulture) }, t);

    public void Dispose()
    {
    }
}
