using System.CommandLine;
using Athar.Storage;
using Athar.Storage.Ledger;

namespace Athar.Cli.Hosting;

/// <summary>Opens the archive a command names, turning the ways that can fail into one clear line and an exit code.</summary>
internal static class ArchiveAccess
{
    public static AtharArchive Open(CliContext context, ParseResult parse, bool writable)
    {
        var root = context.ResolveArchive(parse);
        try
        {
            var archive = AtharArchive.Open(root, writable);
            if (archive.Ledger.TornTail is { } torn)
            {
                context.Fail(torn.QuarantineFile is null
                    ? $"warning: the ledger ends with {torn.Length} bytes of an incomplete entry (a crash during an append); a writing command will quarantine them"
                    : $"warning: the ledger ended with {torn.Length} bytes of an incomplete entry (a crash during an append); moved to ledger/quarantine/{torn.QuarantineFile} and recorded");
            }
            return archive;
        }
        catch (ArchiveNotFoundException e)
        {
            throw new CliException(e.Message, ExitCodes.Failure);
        }
        catch (LedgerCorruptException e)
        {
            throw new CliException(e.Message, ExitCodes.Problems);
        }
    }
}
