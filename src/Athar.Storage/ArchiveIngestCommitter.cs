using System.Text.Json.Nodes;
using Athar.Core;
using Athar.Core.Custody;
using Athar.Core.Intake;
using Athar.Storage.IO;
using Athar.Storage.Ocfl;

namespace Athar.Storage;

/// <summary>
/// Commits ingest batches in the order that makes a crash at any instant recoverable:
/// 1. new objects are built in staging and made durable with one syncfs;
/// 2. with staged-copy writes held back until step 3 is done (so that the room checked for it stays free), each
///    is renamed into the storage root, and the renames made durable (a failed rename takes the batch's objects
///    already renamed out again: nothing records them yet);
/// 3. the batch's custody entries are appended and fsynced;
/// 4. the catalog applies those entries.
/// A crash after 2 leaves complete objects that the re-run adopts; after 3, the catalog catches up on
/// open. Nothing is ever half-made in objects/, and no catalog row points at nothing.
/// </summary>
public sealed class ArchiveIngestCommitter : IIngestCommitter
{
    private readonly AtharArchive _archive;
    private readonly string _actor;

    // The catalog's SqliteConnection is not thread-safe. Workers call ContainsItem while the pipeline's
    // commit thread looks up and applies a batch, so every catalog use here goes through this gate.
    private readonly Lock _catalogGate = new();

    public ArchiveIngestCommitter(AtharArchive archive, string actor)
    {
        _archive = archive;
        _actor = actor;
        StagingFolder = archive.Layout.Staging;
        ClearStaging();
    }

    public string StagingFolder { get; }

    public StagingWriteGate StagingWrites { get; } = new();

    public bool ContainsItem(string digestHex)
    {
        lock (_catalogGate) return _archive.Catalog.HasItem(digestHex);
    }

    public CommitResult Commit(SourceDescription source, IReadOnlyList<IngestOutcome> batch)
    {
        var events = new List<CustodyEvent>(batch.Count);
        var moves = new List<(string Staged, string Final)>();
        var placedInBatch = new Dictionary<string, (string ObjectPath, string StoredName)>(StringComparer.Ordinal);
        // What this batch records, by the catalog's unique keys: the same PATH named twice (or a ZIP that
        // repeats an entry name) must not write the same record twice, which the catalog would refuse
        // after the ledger had already taken it.
        var recordedInBatch = new HashSet<(string Kind, string Path, string Key)>();
        int newItems = 0, duplicates = 0, already = 0;
        long bytesStored = 0;
        try
        {
            lock (_catalogGate)
            foreach (var outcome in batch)
            {
                switch (outcome)
                {
                    case HashedCopy copy:
                        if (_archive.Catalog.HasCopy(source.Label, copy.Entry.Path, copy.DigestHex)
                            || !recordedInBatch.Add(("copy", copy.Entry.Path, copy.DigestHex)))
                        {
                            already++;
                            StagedCopierCleanup(copy);
                            continue;
                        }
                        var storage = _archive.Catalog.ItemStorage(copy.DigestHex) ?? (placedInBatch.TryGetValue(copy.DigestHex, out var p) ? p : null);
                        if (storage is null)
                        {
                            storage = PlaceObject(copy, moves);
                            placedInBatch[copy.DigestHex] = storage.Value;
                            newItems++;
                            bytesStored += copy.Size;
                        }
                        else
                        {
                            duplicates++;
                            StagedCopierCleanup(copy);
                        }
                        events.Add(CopyEvent(source, copy, storage.Value));
                        break;
                    case RejectedEntry rejected:
                        if (_archive.Catalog.HasRejection(source.Label, rejected.Entry.Path, rejected.Reason)
                            || !recordedInBatch.Add(("rejection", rejected.Entry.Path, rejected.Reason))) { already++; continue; }
                        events.Add(new CustodyEvent(CustodyEventTypes.Rejection, _actor, Subject(source),
                            WithSource(source, WithPathBytes(new JsonObject { ["path"] = rejected.Entry.Path, ["origin"] = rejected.Entry.Origin, ["reason"] = rejected.Reason }, rejected.Entry))));
                        break;
                    case RecordedSymlink link:
                        var target = link.Entry.LinkTarget ?? string.Empty;
                        if (_archive.Catalog.HasSymlink(source.Label, link.Entry.Path, target)
                            || !recordedInBatch.Add(("symlink", link.Entry.Path, target))) { already++; continue; }
                        events.Add(new CustodyEvent(CustodyEventTypes.SymlinkRecorded, _actor, Subject(source),
                            WithSource(source, WithPathBytes(new JsonObject
                            {
                                ["path"] = link.Entry.Path, ["origin"] = link.Entry.Origin, ["target"] = target,
                                ["modified"] = link.Entry.Modified?.ToString(), ["changed"] = link.Entry.Changed?.ToString(),
                            }, link.Entry))));
                        break;
                }
            }
            if (moves.Count > 0) Durability.SyncFileSystem(StagingFolder);
        }
        catch (IOException e)
        {
            throw AbortBeforeMoving(e, moves, batch);
        }
        var result = new CommitResult(newItems, duplicates, bytesStored, already);
        if (events.Count == 0) return result;
        // From the room check to the record, no staged copy may take the room the check counted on.
        using (StagingWrites.HoldWrites())
        {
            try
            {
                EnsureRoomToRecord(events.Count);
                MoveIntoPlace(moves);
            }
            catch (IOException e)
            {
                throw AbortBeforeMoving(e, moves, batch);
            }
            try
            {
                lock (_catalogGate) _archive.Record(events);
            }
            catch (Exception e) when (e is IOException or Microsoft.Data.Sqlite.SqliteException)
            {
                throw new IngestAbortedException($"cannot record in the archive's ledger or catalog: {e.Message}. Objects already in place are " +
                    "complete; run the same ingest again once there is space, and it records them", e);
            }
        }
        return result;
    }

    /// <summary>Removes what the batch staged (nothing of it is in objects/ yet) and says how to go on.</summary>
    private static IngestAbortedException AbortBeforeMoving(IOException e, List<(string Staged, string Final)> moves, IReadOnlyList<IngestOutcome> batch)
    {
        foreach (var (staged, _) in moves) TryDeleteFolder(staged);
        foreach (var outcome in batch) if (outcome is HashedCopy c) StagedCopierCleanup(c);
        return new IngestAbortedException($"cannot write to the archive: {e.Message}. Everything committed before is intact; free space and run the same ingest again", e);
    }

    private (string ObjectPath, string StoredName) PlaceObject(HashedCopy copy, List<(string Staged, string Final)> moves)
    {
        var objectId = copy.DigestHex;
        var relative = OcflStorageRoot.RelativeObjectPath(objectId);
        var final = _archive.Objects.ObjectPath(objectId);
        if (_archive.Objects.ContainsObject(objectId))
        {
            // An interrupted run already put this object in place: adopt it as it is.
            StagedCopierCleanup(copy);
            return (relative, ExistingStoredName(final, copy));
        }
        var staged = Path.Combine(StagingFolder, "obj-" + objectId);
        TryDeleteFolder(staged);
        var name = Path.GetFileName(copy.Entry.Path.Replace('\\', '/'));
        try
        {
            OcflObjectBuilder.Build(staged, objectId, copy.StagingFile, copy.DigestHex, name, _archive.Time.GetUtcNow(), _actor,
                $"Ingested from {copy.Entry.Path}");
        }
        catch (IOException)
        {
            // Not yet in the moves list, so the batch's cleanup would not find it (the disk filled mid-build).
            TryDeleteFolder(staged);
            throw;
        }
        moves.Add((staged, final));
        return (relative, OcflObjectBuilder.SafeContentName(name, copy.DigestHex));
    }

    /// <summary>
    /// Refuses, before any object is renamed into place, a batch whose custody entries and catalog rows
    /// might not fit on the archive's disk. Otherwise a full disk would leave complete objects in objects/
    /// that nothing records (verify calls them unexpected until the ingest is run again). The estimate is
    /// generous: about 8 KiB per entry (ledger line, index, tree hashes, WAL pages) plus 2 MiB.
    /// </summary>
    private void EnsureRoomToRecord(int entries)
    {
        if (entries == 0) return;
        long needed = entries * 8192L + (2L << 20);
        long available;
        try
        {
            available = new DriveInfo(_archive.Layout.Root).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return; // cannot tell; the writes themselves will fail cleanly if the disk is full
        }
        if (available < needed)
            throw new IOException($"No space left on device: {available} bytes free, about {needed} needed to record {entries} entries");
    }

    private static string ExistingStoredName(string objectFolder, HashedCopy copy)
    {
        var inventory = JsonNode.Parse(File.ReadAllBytes(Path.Combine(objectFolder, "inventory.json")))!;
        var state = inventory["versions"]!["v1"]!["state"]!.AsObject();
        return state[copy.DigestHex]![0]!.GetValue<string>();
    }

    /// <summary>
    /// Renames the batch's staged objects into the storage root. When one rename or the sync fails (a full disk
    /// cannot take the fan-out folders of the next object), the objects this batch already renamed are taken out
    /// again: nothing records them yet, and an object in objects/ that nothing records is what
    /// <see cref="EnsureRoomToRecord"/> exists to prevent. The re-run builds them again from the source.
    /// </summary>
    private void MoveIntoPlace(List<(string Staged, string Final)> moves)
    {
        if (moves.Count == 0) return;
        var placed = new List<string>(moves.Count);
        try
        {
            foreach (var (staged, final) in moves)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                Directory.Move(staged, final);
                placed.Add(final);
            }
            Durability.SyncFileSystem(_archive.Objects.Path);
        }
        catch (IOException)
        {
            foreach (var final in placed) TakeOut(final);
            throw;
        }
    }

    /// <summary>Deletes an unrecorded object folder and the fan-out folders above it that it leaves empty.</summary>
    private void TakeOut(string objectFolder)
    {
        TryDeleteFolder(objectFolder);
        var root = Path.GetFullPath(_archive.Objects.Path);
        try
        {
            for (var parent = Path.GetDirectoryName(Path.GetFullPath(objectFolder));
                 parent is not null && parent.Length > root.Length && parent.StartsWith(root, StringComparison.Ordinal) && !Directory.EnumerateFileSystemEntries(parent).Any();
                 parent = Path.GetDirectoryName(parent))
                Directory.Delete(parent);
        }
        catch (IOException)
        {
            // An empty fan-out folder left behind is harmless: the re-run fills it.
        }
    }

    private CustodyEvent CopyEvent(SourceDescription source, HashedCopy copy, (string ObjectPath, string StoredName) storage)
    {
        var e = copy.Entry;
        return new CustodyEvent(CustodyEventTypes.CopyIngested, _actor,
            new JsonObject { ["item"] = copy.DigestHex, ["source"] = source.Label },
            WithSource(source, WithPathBytes(new JsonObject
            {
                ["path"] = e.Path,
                ["origin"] = e.Origin,
                ["size"] = copy.Size,
                ["mediaType"] = copy.MediaType,
                ["modified"] = e.Modified?.ToString(),
                ["changed"] = e.Changed?.ToString(),
                ["accessed"] = e.Accessed?.ToString(),
                ["born"] = e.Born?.ToString(),
                ["objectPath"] = storage.ObjectPath,
                ["storedName"] = storage.StoredName,
                ["toolVersion"] = AtharVersion.Current,
            }, e)));
    }

    // Only names that are not UTF-8 carry their bytes (hex): they are the authority for such a path, whose
    // "path" is then display text (RawFileName). Other entries stay exactly as they always were.
    private static JsonObject WithPathBytes(JsonObject details, SourceEntry entry)
    {
        if (entry.PathBytes is { } bytes) details["pathBytes"] = Convert.ToHexStringLower(bytes);
        return details;
    }

    private static JsonObject Subject(SourceDescription source) => new() { ["source"] = source.Label };

    private static JsonObject WithSource(SourceDescription source, JsonObject details)
    {
        details["custodian"] = source.Custodian;
        details["received"] = source.Received;
        details["note"] = source.Note;
        return details;
    }

    private static void StagedCopierCleanup(HashedCopy copy)
    {
        try { File.Delete(copy.StagingFile); }
        catch (IOException) { }
    }

    private void ClearStaging()
    {
        // Leftovers of an interrupted run are never referenced by anything; the writer lock is held.
        Directory.CreateDirectory(StagingFolder);
        foreach (var entry in Directory.EnumerateFileSystemEntries(StagingFolder))
        {
            if (Directory.Exists(entry)) TryDeleteFolder(entry);
            else File.Delete(entry);
        }
    }

    private static void TryDeleteFolder(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { }
    }
}
