using Athar.Core.Custody;
using Athar.Storage;

namespace Athar.Cli.Hosting;

/// <summary>What every writing command does at its end: sign a checkpoint of the ledger as it now stands.</summary>
internal static class LedgerHooks
{
    public static void AfterWrite(AtharArchive archive) => archive.WriteCheckpoint(Actors.CurrentUser());
}
