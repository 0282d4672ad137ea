using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Athar.Core.Intake;
using Athar.Forensics.Analysis;
using Athar.Storage;
using Athar.Synth;
using Athar.Web.Accounts;
using Microsoft.Data.Sqlite;

namespace Athar.WebLoad;

/// <summary>
/// The fast loader. A real archive is made first (Init, 16 synthetic photos ingested and analysed through the
/// normal pipeline, a checkpoint), so the ledger, keys and objects are genuine. Then N synthetic items are
/// written straight into catalog.db with the catalog's own schema, in one transaction: items, copies on three
/// sources, and the analyses and findings the metadata analyzer would store (exif.summary with make, model and
/// DateTimeOriginal; about 2% with a warning code). Their ledger_seq values lie above the ledger's end and no
/// ledger entry backs them: this is a load fixture for the web app, not an archive to keep (athar verify would
/// rightly complain). Each synthetic item points at one of the 16 real objects, so item pages read real files.
/// </summary>
internal static class Seed
{
    private static readonly (string Make, string Model)[] Cameras =
        [("NIKON", "COOLPIX P50"), ("FUJIFILM", "FinePix S2950"), ("SAMSUNG", "GT-S5830"), ("Canon", "Canon PowerShot A480")];

    public static void Run(string root, int count, string user, string password)
    {
        var archivePath = Path.Combine(root, "archive");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        var drives = Path.Combine(root, "drives");
        SynthGenerator.Generate(new SynthOptions { OutputDirectory = drives, Photos = 16, Width = 1600, Height = 1200, Drives = 1, Seed = 3, Parallelism = 2 });
        List<(string Id, long Size, string Stored, string ObjectPath)> real;
        using (var archive = AtharArchive.Init(archivePath, actor: "bench"))
        {
            new IngestPipeline(new ArchiveIngestCommitter(archive, "bench"))
                .RunAsync([Path.Combine(drives, "drive-01")], new SourceDescription("bench-real", "bench", "2014-01-20", null)).GetAwaiter().GetResult();
            new AnalysisRunner(new ArchiveAnalysisStore(archive, "bench"), AnalyzerCatalog.Default()).Run();
            archive.WriteCheckpoint("bench");
            real = [.. archive.Catalog.Items().Where(i => i.MediaType == "image/jpeg").Select(i => (i.Id, i.Size, i.StoredName, i.ObjectPath))];
        }
        new AccountStore(Path.Combine(archivePath, "accounts.db")).Create(user, Roles.Admin, password);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(archivePath, "catalog.db") }.ToString());
        c.Open();
        using var t = c.BeginTransaction();
        var sources = new long[3];
        for (var s = 0; s < 3; s++)
        {
            using var cmd = Command(c, t, "INSERT INTO sources(label, custodian, received, note, first_seq) VALUES ($l, 'bench custodian', '2014-02-01', $n, $q) RETURNING id",
                ("$l", $"drive-{s + 2:00}"), ("$n", s == 2 ? "backup of drive-02" : null), ("$q", 10_000_000L + s));
            sources[s] = (long)cmd.ExecuteScalar()!;
        }
        using var item = Command(c, t, "INSERT INTO items(id, size, media_type, stored_name, object_path, first_seq) VALUES ($id, $size, 'image/jpeg', $stored, $path, $seq)",
            ("$id", ""), ("$size", 0L), ("$stored", ""), ("$path", ""), ("$seq", 0L));
        using var copy = Command(c, t, """
            INSERT INTO copies(item_id, source_id, path, origin, size, modified, ingested_at, tool_version, ledger_seq)
            VALUES ($id, $source, $path, NULL, $size, $modified, '2026-01-01T00:00:00.000Z', 'bench', $seq)
            """, ("$id", ""), ("$source", 0L), ("$path", ""), ("$size", 0L), ("$modified", ""), ("$seq", 0L));
        using var analysis = Command(c, t, "INSERT INTO analyses(item_id, analyzer, version, result_digest, ledger_seq) VALUES ($id, 'metadata', 1, $digest, $seq)",
            ("$id", ""), ("$digest", ""), ("$seq", 0L));
        using var finding = Command(c, t, """
            INSERT INTO findings(item_id, analyzer, version, code, severity, explanation, data, ledger_seq)
            VALUES ($id, 'metadata', 1, $code, $severity, $explanation, $data, $seq)
            """, ("$id", ""), ("$code", ""), ("$severity", 0L), ("$explanation", ""), ("$data", ""), ("$seq", 0L));
        var random = new Random(6);
        var seq = 20_000_000L;
        var start = new DateTime(2011, 5, 15, 8, 0, 0);
        for (var n = 0; n < count; n++)
        {
            var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("bench-item-" + n.ToString(CultureInfo.InvariantCulture))));
            var backing = real[n % real.Count];
            var taken = start.AddSeconds(n * 95.0 + random.Next(60)); // about 2.7 years over a million photos
            var camera = Cameras[(n / 37) % Cameras.Length];
            var name = $"DCIM/{100 + n / 9999}{camera.Make[..3].ToUpperInvariant()}/DSCN{n % 9999:0000}.JPG";
            Run(item, ("$id", id), ("$size", backing.Size), ("$stored", backing.Stored), ("$path", backing.ObjectPath), ("$seq", seq));
            Run(copy, ("$id", id), ("$source", sources[n % 2]), ("$path", name), ("$size", backing.Size), ("$modified", taken.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), ("$seq", seq++));
            if (n % 3 == 0) Run(copy, ("$id", id), ("$source", sources[2]), ("$path", "backup/" + name), ("$size", backing.Size), ("$modified", taken.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), ("$seq", seq++));
            var value = taken.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            var raw = taken.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture);
            var data = $$"""{"hasExif":true,"hasXmp":false,"make":"{{camera.Make}}","model":"{{camera.Model}}","dateTimeOriginal":{"raw":"{{raw}}","value":"{{value}}"},"dateTimeDigitized":{"raw":"{{raw}}","value":"{{value}}"},"frameWidth":1600,"frameHeight":1200,"tagCount":120}""";
            Run(analysis, ("$id", id), ("$digest", id), ("$seq", seq));
            Run(finding, ("$id", id), ("$code", "exif.summary"), ("$severity", 0L), ("$explanation", "What the file's metadata says about the camera, the times and the place."), ("$data", data), ("$seq", seq));
            if (random.Next(50) == 0)
                Run(finding, ("$id", id), ("$code", "exif.time-out-of-sequence"), ("$severity", 2L), ("$explanation", "Synthetic bench finding."), ("$data", "{}"), ("$seq", seq));
            seq++;
            if (n % 100_000 == 99_999) Console.Error.WriteLine($"  {n + 1} items ({clock.Elapsed.TotalSeconds:0} s)");
        }
        t.Commit();
        Console.Error.WriteLine($"seeded {count} items in {clock.Elapsed.TotalSeconds:0.0} s");
        c.Execute("ANALYZE");
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction t, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = t;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values) cmd.Parameters[name].Value = value;
        cmd.ExecuteNonQuery();
    }

    private static void Execute(this SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
