using Athar.Storage;

namespace Athar.Cli.Hosting;

/// <summary>What every writing command does at its end to the ledger (a signed checkpoint, once keys exist).</summary>
internal static class LedgerHooks
{
    public static void AfterWrite(AtharArchive archive, CliContext context)
    {
        _ = archive;
        _ = context;
    }
}
