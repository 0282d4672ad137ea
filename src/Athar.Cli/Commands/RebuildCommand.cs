using System.CommandLine;
using System.Globalization;
using Athar.Cli.Hosting;
using Athar.Core.Custody;
using Athar.Storage;
using Athar.Storage.Ledger;
using Microsoft.Data.Sqlite;

namespace Athar.Cli.Commands;

internal static class RebuildCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("rebuild", "recreate the catalog from the custody ledger");
        command.SetAction(parse =>
        {
            AtharArchive archive;
            try
            {
                archive = ArchiveAccess.Open(context, parse, writable: true);
            }
            catch (SqliteException e)
            {
                // A catalog SQLite cannot read is exactly what rebuild is for: keep it aside, never delete it.
                var kept = SetDamagedCatalogAside(context.ResolveArchive(parse));
                context.Fail($"the catalog could not be read ({e.Message}); kept as {kept}; rebuilding it from the ledger");
                archive = ArchiveAccess.Open(context, parse, writable: true);
            }
            using (archive)
            {
                var replayed = archive.RebuildCatalog(Actors.CurrentUser());
                LedgerHooks.AfterWrite(archive);
                var counts = archive.Catalog.Counts();
                if (context.WantsJson(parse))
                    context.WriteJson(new { entriesReplayed = replayed, items = counts.Items, copies = counts.Copies, sources = counts.Sources });
                else
                    context.Out.WriteLine($"catalog rebuilt from {replayed} ledger entries: {counts.Items} items, {counts.Copies} copies, {counts.Sources} sources");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Renames catalog.db and its -wal/-shm to catalog.db.damaged-TIME*, holding the writer lock meanwhile.</summary>
    private static string SetDamagedCatalogAside(string root)
    {
        var layout = new ArchiveLayout(root);
        using var writerLock = CustodyLedger.Open(layout.Ledger, writable: true);
        SqliteConnection.ClearAllPools();
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var kept = layout.Catalog + ".damaged-" + stamp;
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(layout.Catalog + suffix)) File.Move(layout.Catalog + suffix, kept + suffix);
        return Path.GetFileName(kept);
    }
}
