namespace Athar.Storage.Catalog;

/// <summary>
/// The SQLite catalog's tables. Everything here is derived from the custody ledger (ledger_seq names the
/// entry each row came from), so `athar rebuild` can recreate it exactly.
/// </summary>
internal static class CatalogSchema
{
    /// <summary>Raise whenever the tables change: an archive whose catalog has another version rebuilds it from the ledger on its next writable open.</summary>
    public const int Version = 4;

    public const string Create = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL UNIQUE,
            custodian TEXT, received TEXT, note TEXT,
            first_seq INTEGER NOT NULL);
        CREATE TABLE items (
            id TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            stored_name TEXT NOT NULL,
            object_path TEXT NOT NULL,
            first_seq INTEGER NOT NULL);
        CREATE TABLE copies (
            id INTEGER PRIMARY KEY,
            item_id TEXT NOT NULL REFERENCES items(id),
            source_id INTEGER NOT NULL REFERENCES sources(id),
            path TEXT NOT NULL,
            origin TEXT,
            size INTEGER NOT NULL,
            modified TEXT, changed TEXT, accessed TEXT, born TEXT,
            custodian TEXT, received TEXT, note TEXT,
            ingested_at TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            ledger_seq INTEGER NOT NULL UNIQUE,
            UNIQUE (source_id, path, item_id));
        CREATE INDEX copies_by_item ON copies(item_id);
        CREATE TABLE symlinks (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            path TEXT NOT NULL, target TEXT NOT NULL, origin TEXT,
            ledger_seq INTEGER NOT NULL UNIQUE,
            UNIQUE (source_id, path, target));
        CREATE TABLE rejections (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            path TEXT NOT NULL, reason TEXT NOT NULL,
            ledger_seq INTEGER NOT NULL UNIQUE,
            UNIQUE (source_id, path, reason));
        CREATE TABLE verifications (
            ledger_seq INTEGER PRIMARY KEY,
            time TEXT NOT NULL, ok INTEGER NOT NULL, checked INTEGER NOT NULL, problems INTEGER NOT NULL);
        CREATE TABLE analyses (
            item_id TEXT NOT NULL REFERENCES items(id),
            analyzer TEXT NOT NULL,
            version INTEGER NOT NULL,
            result_digest TEXT NOT NULL,
            ledger_seq INTEGER NOT NULL,
            PRIMARY KEY (item_id, analyzer));
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            item_id TEXT NOT NULL REFERENCES items(id),
            analyzer TEXT NOT NULL,
            version INTEGER NOT NULL,
            code TEXT NOT NULL,
            severity INTEGER NOT NULL,
            explanation TEXT NOT NULL,
            data TEXT NOT NULL,
            ledger_seq INTEGER NOT NULL);
        CREATE INDEX findings_by_item ON findings(item_id);
        CREATE INDEX findings_by_code ON findings(code);
        CREATE TABLE archive_analyses (
            analyzer TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            input_digest TEXT NOT NULL,
            items INTEGER NOT NULL,
            changed INTEGER NOT NULL,
            summary TEXT NOT NULL,
            ledger_seq INTEGER NOT NULL);
        CREATE TABLE near_duplicates (
            item_id TEXT PRIMARY KEY REFERENCES items(id),
            analyzer TEXT NOT NULL,
            group_id TEXT NOT NULL,
            representative TEXT NOT NULL,
            distance INTEGER NOT NULL);
        CREATE INDEX near_duplicates_by_group ON near_duplicates(group_id);
        CREATE TABLE item_cameras (
            item_id TEXT PRIMARY KEY REFERENCES items(id),
            analyzer TEXT NOT NULL,
            camera_id TEXT NOT NULL,
            label TEXT NOT NULL);
        CREATE INDEX item_cameras_by_camera ON item_cameras(camera_id);
        CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            merged_into TEXT,
            detainee TEXT, detainee_confidence REAL NOT NULL, detainee_status TEXT NOT NULL,
            branch TEXT, branch_confidence REAL NOT NULL, branch_status TEXT NOT NULL,
            report TEXT, report_confidence REAL NOT NULL, report_status TEXT NOT NULL,
            status TEXT NOT NULL,
            best_item TEXT,
            created_seq INTEGER NOT NULL,
            updated_seq INTEGER NOT NULL);
        CREATE INDEX cases_by_detainee ON cases(detainee);
        CREATE TABLE case_items (
            item_id TEXT PRIMARY KEY REFERENCES items(id),
            case_id TEXT NOT NULL REFERENCES cases(id),
            position INTEGER NOT NULL);
        CREATE INDEX case_items_by_case ON case_items(case_id, position);
        CREATE TABLE banks (
            name TEXT PRIMARY KEY,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            bank_sha256 TEXT NOT NULL,
            hashes INTEGER NOT NULL,
            rejected INTEGER NOT NULL,
            imported_at TEXT NOT NULL,
            ledger_seq INTEGER NOT NULL);
        CREATE TABLE checkpoints (
            tree_size INTEGER PRIMARY KEY,
            root_hash TEXT NOT NULL,
            ledger_seq INTEGER NOT NULL);
        """;
}
