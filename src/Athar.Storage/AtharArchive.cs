using System.Text.Json.Nodes;
using Athar.Core;
using Athar.Core.Custody;
using Athar.Storage.Catalog;
using Athar.Storage.IO;
using Athar.Storage.Ledger;
using Athar.Storage.Ocfl;

namespace Athar.Storage;

/// <summary>
/// An open archive: its OCFL objects, its custody ledger and its catalog. Opening it for writing takes
/// the ledger's writer lock and brings the catalog up to date with the ledger, which is how a crash
/// between the two is healed.
/// </summary>
public sealed partial class AtharArchive : IDisposable
{
    private ArchiveCatalog _catalog;

    private AtharArchive(ArchiveLayout layout, OcflStorageRoot objects, CustodyLedger ledger, ArchiveCatalog catalog, TimeProvider time)
    {
        Layout = layout;
        Objects = objects;
        Ledger = ledger;
        _catalog = catalog;
        Time = time;
    }

    public ArchiveLayout Layout { get; }
    public OcflStorageRoot Objects { get; }
    public CustodyLedger Ledger { get; }
    public ArchiveCatalog Catalog => _catalog;
    public TimeProvider Time { get; }

    /// <summary>
    /// Creates a new archive. Refuses, changing nothing, if <paramref name="root"/> exists and is not empty.
    /// </summary>
    public static AtharArchive Init(string root, TimeProvider? time = null, string? actor = null)
    {
        time ??= TimeProvider.System;
        var layout = new ArchiveLayout(root);
        if (Directory.Exists(layout.Root) && Directory.EnumerateFileSystemEntries(layout.Root).Any())
        {
            throw new IOException(layout.LooksLikeArchive
                ? $"{layout.Root}: an archive already exists here; nothing was changed"
                : $"{layout.Root}: the folder is not empty; nothing was changed (choose an empty or new folder)");
        }
        Directory.CreateDirectory(layout.Root);
        var objects = OcflStorageRoot.Create(layout.Objects);
        Directory.CreateDirectory(layout.Derived);
        Directory.CreateDirectory(layout.Staging);
        Directory.CreateDirectory(layout.Keys);
        var archiveId = Guid.NewGuid().ToString("D");
        var ledger = CustodyLedger.Create(layout.Ledger, time);
        var catalog = ArchiveCatalog.Create(layout.Catalog);
        var archive = new AtharArchive(layout, objects, ledger, catalog, time);
        var entry = ledger.Append(new CustodyEvent(CustodyEventTypes.ArchiveCreated, actor ?? Actors.CurrentUser(),
            new JsonObject { ["archive"] = archiveId },
            new JsonObject
            {
                ["archiveId"] = archiveId,
                ["origin"] = OriginFor(archiveId),
                ["toolVersion"] = AtharVersion.Current,
                ["ocflLayout"] = OcflStorageRoot.LayoutExtension,
                ["digestAlgorithm"] = "sha256",
            }));
        catalog.Apply([entry]);
        archive.CreateKey(actor ?? Actors.CurrentUser());
        archive.WriteCheckpoint(actor ?? Actors.CurrentUser());
        Durability.SyncDirectory(layout.Root);
        return archive;
    }

    /// <summary>The checkpoint origin line: unique to this archive, stable for its lifetime.</summary>
    public static string OriginFor(string archiveId) => $"athar.archive/{archiveId}";

    public string ArchiveId => Catalog.GetMeta("archiveId") ?? Ledger.Read(0).Details["archiveId"]!.GetValue<string>();

    public static AtharArchive Open(string root, bool writable, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var layout = new ArchiveLayout(root);
        if (!layout.LooksLikeArchive) throw new ArchiveNotFoundException(layout.Root);
        var ledger = CustodyLedger.Open(layout.Ledger, writable, time);
        ArchiveCatalog catalog;
        try
        {
            catalog = File.Exists(layout.Catalog) || !writable ? ArchiveCatalog.Open(layout.Catalog) : ArchiveCatalog.Create(layout.Catalog);
        }
        catch
        {
            ledger.Dispose();
            throw;
        }
        var archive = new AtharArchive(layout, new OcflStorageRoot(layout.Objects), ledger, catalog, time);
        try
        {
            archive.UpgradeCatalogSchema(writable);
            if (writable) archive.CatchUpCatalog();
        }
        catch
        {
            archive.Dispose();
            throw;
        }
        return archive;
    }

    // The catalog is a projection of the ledger, so a newer Athar never migrates tables: it replays the
    // ledger into a catalog of the current schema. A reader cannot write, so it says what to run.
    private void UpgradeCatalogSchema(bool writable)
    {
        var found = Catalog.SchemaVersion;
        if (found == CatalogSchema.Version) return;
        if (!writable)
            throw new InvalidOperationException($"{Layout.Catalog}: the catalog has schema {found} but this Athar uses {CatalogSchema.Version}; run 'athar rebuild' to rebuild it from the ledger");
        RebuildCatalog(Actors.CurrentUser());
    }

    /// <summary>Applies ledger entries the catalog has not seen (after a crash between the two).</summary>
    public long CatchUpCatalog()
    {
        var applied = Catalog.LedgerApplied;
        if (applied > Ledger.Size)
            throw new LedgerCorruptException($"the catalog reflects {applied} ledger entries but the ledger has only {Ledger.Size}; run 'athar ledger verify'");
        if (applied == Ledger.Size) return 0;
        Catalog.Apply(Ledger.ReadAll(applied).Select(static e => e.Entry));
        return Ledger.Size - applied;
    }

    /// <summary>Appends events and applies them to the catalog, in that order (the ledger is the truth).</summary>
    public IReadOnlyList<CustodyEntry> Record(IReadOnlyList<CustodyEvent> events)
    {
        var entries = Ledger.Append(events);
        Catalog.Apply(entries);
        return entries;
    }

    /// <summary>
    /// Recreates the catalog from the ledger alone: a fresh database is built beside the old one by
    /// replaying every entry, then swapped in. The old catalog is never edited in place.
    /// </summary>
    public long RebuildCatalog(string actor)
    {
        if (!Ledger.IsWritable) throw new InvalidOperationException("rebuilding the catalog needs the archive opened for writing");
        var fresh = Layout.Catalog + ".rebuild";
        foreach (var leftover in SqliteFiles(fresh)) File.Delete(leftover);
        using (var rebuilt = ArchiveCatalog.Create(fresh))
        {
            const int Chunk = 4096;
            var chunk = new List<CustodyEntry>(Chunk);
            foreach (var (entry, _) in Ledger.ReadAll())
            {
                chunk.Add(entry);
                if (chunk.Count == Chunk) { rebuilt.Apply(chunk); chunk.Clear(); }
            }
            rebuilt.Apply(chunk);
            rebuilt.Checkpoint();
        }
        _catalog.Dispose();
        foreach (var old in SqliteFiles(Layout.Catalog).Skip(1)) File.Delete(old);
        File.Move(fresh, Layout.Catalog, overwrite: true);
        Durability.SyncDirectory(Layout.Root);
        _catalog = ArchiveCatalog.Open(Layout.Catalog);
        var replayed = Ledger.Size;
        Record([new CustodyEvent(CustodyEventTypes.CatalogRebuilt, actor, new JsonObject { ["catalog"] = "catalog.db" },
            new JsonObject { ["entriesReplayed"] = replayed, ["toolVersion"] = AtharVersion.Current })]);
        return replayed;
    }

    private static string[] SqliteFiles(string database) => [database, database + "-wal", database + "-shm"];

    public void Dispose()
    {
        _catalog.Dispose();
        Ledger.Dispose();
    }
}
