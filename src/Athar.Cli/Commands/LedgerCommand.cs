using System.CommandLine;
using Athar.Cli.Hosting;
using Athar.Core.Custody;
using Athar.Storage;
using Athar.Storage.Ledger;

namespace Athar.Cli.Commands;

/// <summary>`athar ledger checkpoint | verify | prove | consistency | export | public-key`.</summary>
internal static class LedgerCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("ledger", "the custody ledger: signed checkpoints, proofs, verification, export");
        command.Add(CheckpointCommand(context));
        command.Add(LedgerVerifyCommand.Create(context));
        command.Add(LedgerProveCommand.Create(context));
        command.Add(LedgerProveCommand.CreateConsistency(context));
        command.Add(ExportCommand(context));
        command.Add(PublicKeyCommand(context));
        return command;
    }

    private static Command CheckpointCommand(CliContext context)
    {
        var tsa = new Option<Uri?>("--tsa") { Description = "RFC 3161 timestamp authority URL to timestamp the checkpoint" };
        var command = new Command("checkpoint", "sign a checkpoint of the ledger as it stands and print it") { tsa };
        command.SetAction(async (parse, cancel) =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: true);
            var tsaUrl = parse.GetValue(tsa);
            byte[]? token = null;
            Func<string, byte[]?>? timestamp = null;
            if (tsaUrl is not null)
            {
                // The note is signed before it is timestamped; fetch the token for exactly those bytes.
                timestamp = note =>
                {
                    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                    try
                    {
                        token = new TimestampAuthorityClient(http).RequestAsync(tsaUrl, System.Text.Encoding.UTF8.GetBytes(note), cancel).GetAwaiter().GetResult();
                    }
                    catch (Exception e) when (e is HttpRequestException or TimestampAuthorityException or TaskCanceledException)
                    {
                        throw new CliException($"{tsaUrl}: no timestamp: {e.Message}; no checkpoint was written", ExitCodes.Failure);
                    }
                    return token;
                };
            }
            var (size, note) = archive.WriteCheckpoint(Actors.CurrentUser(), timestamp);
            await Task.CompletedTask;
            if (context.WantsJson(parse))
                context.WriteJson(new { treeSize = size, checkpoint = note, file = archive.Checkpoints.PathFor(size), timestamped = token is not null });
            else
                context.Out.Write(note);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ExportCommand(CliContext context)
    {
        var dir = new Argument<string>("DIR") { Description = "a new or empty folder" };
        var command = new Command("export", "write entries, checkpoints, the public key and a README for checking without Athar") { dir };
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            var destination = Path.GetFullPath(parse.GetValue(dir)!);
            int checkpoints;
            try
            {
                checkpoints = LedgerExport.Write(archive, destination);
            }
            catch (IOException e)
            {
                throw new CliException(e.Message, ExitCodes.Failure);
            }
            if (context.WantsJson(parse))
                context.WriteJson(new { folder = destination, entries = archive.Ledger.Size, checkpoints });
            else
                context.Out.WriteLine($"exported {archive.Ledger.Size} entries and {checkpoints} checkpoints to {destination} (see README.txt there)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command PublicKeyCommand(CliContext context)
    {
        var command = new Command("public-key", "print the archive's public key (PEM) and its signed-note verifier key");
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            using var keys = archive.LoadKey();
            using var verifier = keys.CreateVerifier();
            if (context.WantsJson(parse))
                context.WriteJson(new { keyName = keys.KeyName, publicKeyPem = keys.ExportPublicKeyPem(), verifierKey = verifier.VerifierKey });
            else
            {
                context.Out.WriteLine(keys.ExportPublicKeyPem());
                context.Out.WriteLine(verifier.VerifierKey);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
