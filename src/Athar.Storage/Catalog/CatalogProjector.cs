using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Core.Custody;
using Microsoft.Data.Sqlite;

namespace Athar.Storage.Catalog;

/// <summary>
/// Turns custody entries into catalog rows. This is the only code that writes provenance rows: ingest,
/// crash catch-up and `athar rebuild` all replay entries through it, which is why a rebuilt catalog is
/// identical to the one ingest built.
/// </summary>
public sealed partial class ArchiveCatalog
{
    /// <summary>Applies entries (which must continue from <see cref="LedgerApplied"/>) in one transaction.</summary>
    public void Apply(IEnumerable<CustodyEntry> entries)
    {
        using var transaction = Connection.BeginTransaction();
        var applied = LedgerApplied;
        var sources = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Sequence != applied)
                throw new InvalidOperationException($"catalog expected ledger entry {applied} but was given {entry.Sequence}");
            ApplyOne(entry, transaction, sources);
            applied++;
        }
        SetLedgerApplied(applied, transaction);
        transaction.Commit();
    }

    // A ledger may hold the same copy, symlink or rejection twice (ingest before the fix that made a
    // batch skip what it already records wrote such entries). The ledger keeps both; the catalog
    // indexes the first and ignores the repeat, so such an archive still opens and rebuilds.
    private void ApplyOne(CustodyEntry entry, SqliteTransaction transaction, Dictionary<string, long> sources)
    {
        var s = entry.Subject;
        var d = entry.Details;
        switch (entry.Type)
        {
            case CustodyEventTypes.ArchiveCreated:
                SetMeta("archiveId", Text(d, "archiveId") ?? "", transaction);
                SetMeta("origin", Text(d, "origin") ?? "", transaction);
                SetMeta("createdAt", CustodyEntry.FormatTime(entry.Time), transaction);
                break;
            case CustodyEventTypes.CopyIngested:
            {
                var sourceId = SourceId(entry, transaction, sources);
                Run(transaction, """
                    INSERT OR IGNORE INTO items(id, size, media_type, stored_name, object_path, first_seq)
                    VALUES ($id, $size, $mediaType, $storedName, $objectPath, $seq)
                    """, ("$id", Text(s, "item")), ("$size", Number(d, "size")), ("$mediaType", Text(d, "mediaType")),
                    ("$storedName", Text(d, "storedName")), ("$objectPath", Text(d, "objectPath")), ("$seq", entry.Sequence));
                Run(transaction, """
                    INSERT INTO copies(item_id, source_id, path, origin, size, modified, changed, accessed, born,
                                       custodian, received, note, ingested_at, tool_version, ledger_seq)
                    VALUES ($item, $source, $path, $origin, $size, $modified, $changed, $accessed, $born,
                            $custodian, $received, $note, $at, $tool, $seq)
                    ON CONFLICT (source_id, path, item_id) DO NOTHING
                    """, ("$item", Text(s, "item")), ("$source", sourceId), ("$path", Text(d, "path")), ("$origin", Text(d, "origin")),
                    ("$size", Number(d, "size")), ("$modified", Text(d, "modified")), ("$changed", Text(d, "changed")),
                    ("$accessed", Text(d, "accessed")), ("$born", Text(d, "born")), ("$custodian", Text(d, "custodian")),
                    ("$received", Text(d, "received")), ("$note", Text(d, "note")), ("$at", CustodyEntry.FormatTime(entry.Time)),
                    ("$tool", Text(d, "toolVersion")), ("$seq", entry.Sequence));
                break;
            }
            case CustodyEventTypes.SymlinkRecorded:
                Run(transaction, "INSERT INTO symlinks(source_id, path, target, origin, ledger_seq) VALUES ($source, $path, $target, $origin, $seq) " +
                    "ON CONFLICT (source_id, path, target) DO NOTHING",
                    ("$source", SourceId(entry, transaction, sources)), ("$path", Text(d, "path")), ("$target", Text(d, "target")),
                    ("$origin", Text(d, "origin")), ("$seq", entry.Sequence));
                break;
            case CustodyEventTypes.Rejection:
                Run(transaction, "INSERT INTO rejections(source_id, path, reason, ledger_seq) VALUES ($source, $path, $reason, $seq) " +
                    "ON CONFLICT (source_id, path, reason) DO NOTHING",
                    ("$source", SourceId(entry, transaction, sources)), ("$path", Text(d, "path")), ("$reason", Text(d, "reason")),
                    ("$seq", entry.Sequence));
                break;
            case CustodyEventTypes.VerificationRun:
                Run(transaction, "INSERT INTO verifications(ledger_seq, time, ok, checked, problems) VALUES ($seq, $time, $ok, $checked, $problems)",
                    ("$seq", entry.Sequence), ("$time", CustodyEntry.FormatTime(entry.Time)),
                    ("$ok", d["ok"]?.GetValue<bool>() == true ? 1 : 0), ("$checked", Number(d, "checked")), ("$problems", Number(d, "problems")));
                break;
            case CustodyEventTypes.Checkpoint:
                Run(transaction, "INSERT OR REPLACE INTO checkpoints(tree_size, root_hash, ledger_seq) VALUES ($size, $root, $seq)",
                    ("$size", Number(d, "treeSize")), ("$root", Text(d, "rootHash")), ("$seq", entry.Sequence));
                break;
            case CustodyEventTypes.Analysis:
                ApplyAnalysis(entry, transaction);
                break;
            case CustodyEventTypes.ArchiveAnalysis:
                Run(transaction, """
                    INSERT INTO archive_analyses(analyzer, version, input_digest, items, changed, summary, ledger_seq)
                    VALUES ($analyzer, $version, $digest, $items, $changed, $summary, $seq)
                    ON CONFLICT(analyzer) DO UPDATE SET version = excluded.version, input_digest = excluded.input_digest, items = excluded.items,
                        changed = excluded.changed, summary = excluded.summary, ledger_seq = excluded.ledger_seq
                    """, ("$analyzer", Text(d, "analyzer")), ("$version", Number(d, "version")), ("$digest", Text(d, "inputDigest")),
                    ("$items", Number(d, "items")), ("$changed", Number(d, "changed")),
                    ("$summary", (d["summary"] as JsonObject ?? []).ToJsonString()), ("$seq", entry.Sequence));
                break;
            case CustodyEventTypes.CaseCreated or CustodyEventTypes.CaseNumbersRead or CustodyEventTypes.CaseNumbersConfirmed
                or CustodyEventTypes.CaseMerged or CustodyEventTypes.CaseSplit or CustodyEventTypes.CaseItemMoved:
                ApplyCase(entry, transaction);
                break;
            case CustodyEventTypes.BankImported:
                // A re-import under the same name replaces the bank (docs/cli.md, `athar bank import`).
                Run(transaction, """
                    INSERT OR REPLACE INTO banks(name, file_name, file_sha256, bank_sha256, hashes, rejected, imported_at, ledger_seq)
                    VALUES ($name, $file, $fileSha, $bankSha, $hashes, $rejected, $at, $seq)
                    """, ("$name", Text(d, "name")), ("$file", Text(d, "fileName")), ("$fileSha", Text(d, "fileSha256")),
                    ("$bankSha", Text(d, "bankSha256")), ("$hashes", Number(d, "hashes")), ("$rejected", Number(d, "rejected")),
                    ("$at", CustodyEntry.FormatTime(entry.Time)), ("$seq", entry.Sequence));
                break;
            default:
                // Events that leave no catalog row (key created, catalog rebuilt, torn tail quarantined).
                break;
        }
    }

    /// <summary>An analysis entry replaces, per analyzer, whatever an earlier version found about the item.</summary>
    private void ApplyAnalysis(CustodyEntry entry, SqliteTransaction transaction)
    {
        var item = Text(entry.Subject, "item");
        if (item is null || entry.Details["runs"] is not JsonArray runs) return;
        foreach (var run in runs)
        {
            if (run is not JsonObject r) continue;
            var analyzer = Text(r, "analyzer");
            var version = Number(r, "version");
            Run(transaction, "DELETE FROM findings WHERE item_id = $item AND analyzer = $analyzer", ("$item", item), ("$analyzer", analyzer));
            Run(transaction, "DELETE FROM near_duplicates WHERE item_id = $item AND analyzer = $analyzer", ("$item", item), ("$analyzer", analyzer));
            Run(transaction, "DELETE FROM item_cameras WHERE item_id = $item AND analyzer = $analyzer", ("$item", item), ("$analyzer", analyzer));
            Run(transaction, """
                INSERT INTO analyses(item_id, analyzer, version, result_digest, ledger_seq) VALUES ($item, $analyzer, $version, $digest, $seq)
                ON CONFLICT(item_id, analyzer) DO UPDATE SET version = excluded.version, result_digest = excluded.result_digest, ledger_seq = excluded.ledger_seq
                """, ("$item", item), ("$analyzer", analyzer), ("$version", version), ("$digest", Text(r, "resultDigest")), ("$seq", entry.Sequence));
            if (r["findings"] is not JsonArray findings) continue;
            foreach (var f in findings)
            {
                if (f is not JsonObject finding) continue;
                var parsed = Finding.FromJson(finding);
                Run(transaction, """
                    INSERT INTO findings(item_id, analyzer, version, code, severity, explanation, data, ledger_seq)
                    VALUES ($item, $analyzer, $version, $code, $severity, $explanation, $data, $seq)
                    """, ("$item", item), ("$analyzer", analyzer), ("$version", version), ("$code", parsed.Code), ("$severity", (int)parsed.Severity),
                    ("$explanation", parsed.Explanation), ("$data", parsed.Data.ToJsonString()), ("$seq", entry.Sequence));
                IndexCatalogedFinding(item, analyzer, parsed, transaction);
            }
        }
    }

    // The few finding codes the gallery and `items --json` filter on get a table each (CatalogedFindingCodes).
    // OR REPLACE: an item is in one near-duplicate group and has one camera, whichever analyzer said so last.
    private void IndexCatalogedFinding(string item, string? analyzer, Finding finding, SqliteTransaction transaction)
    {
        var data = finding.Data;
        switch (finding.Code)
        {
            case CatalogedFindingCodes.NearDuplicateGroup:
                Run(transaction, "INSERT OR REPLACE INTO near_duplicates(item_id, analyzer, group_id, representative, distance) VALUES ($item, $analyzer, $group, $rep, $distance)",
                    ("$item", item), ("$analyzer", analyzer), ("$group", Text(data, "group") ?? ""), ("$rep", Text(data, "representative") ?? ""),
                    ("$distance", Number(data, "distance")));
                break;
            case CatalogedFindingCodes.CameraIdentity:
                Run(transaction, "INSERT OR REPLACE INTO item_cameras(item_id, analyzer, camera_id, label) VALUES ($item, $analyzer, $camera, $label)",
                    ("$item", item), ("$analyzer", analyzer), ("$camera", Text(data, "camera") ?? ""), ("$label", Text(data, "label") ?? ""));
                break;
        }
    }

    private long SourceId(CustodyEntry entry, SqliteTransaction transaction, Dictionary<string, long> cache)
    {
        var label = Text(entry.Subject, "source") ?? throw new InvalidOperationException($"ledger entry {entry.Sequence} names no source");
        if (cache.TryGetValue(label, out var id)) return id;
        Run(transaction, "INSERT OR IGNORE INTO sources(label, custodian, received, note, first_seq) VALUES ($label, $custodian, $received, $note, $seq)",
            ("$label", label), ("$custodian", Text(entry.Details, "custodian")), ("$received", Text(entry.Details, "received")),
            ("$note", Text(entry.Details, "note")), ("$seq", entry.Sequence));
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id FROM sources WHERE label = $label";
        command.Parameters.AddWithValue("$label", label);
        id = (long)command.ExecuteScalar()!;
        cache[label] = id;
        return id;
    }

    private void Run(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static string? Text(JsonObject o, string name) => JsonFields.Text(o, name);

    private static long Number(JsonObject o, string name) => JsonFields.Integer(o, name) ?? 0;
}
