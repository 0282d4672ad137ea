using System.CommandLine;
using System.Security.Cryptography;
using Athar.Cli.Hosting;
using Athar.Core.Custody;
using Athar.Forensics.HashBanks;
using Athar.Storage;

namespace Athar.Cli.Commands;

/// <summary>
/// `athar bank import FILE --name NAME | list`: hash banks of published imagery, stored inside the archive as
/// banks/NAME.pdqbank and matched by the bank-match analyzer on the next `athar analyze` (docs/cli.md).
/// </summary>
internal static class BankCommand
{
    /// <summary>At most this many problem lines are printed per import; the counts are always exact.</summary>
    private const int ProblemLinesShown = 100;

    public static Command Create(CliContext context)
    {
        var command = new Command("bank", "hash banks of previously published imagery (PDQ hashes with labels)");
        command.Add(ImportCommand(context));
        command.Add(ListCommand(context));
        return command;
    }

    private static Command ImportCommand(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "text file: one hex PDQ hash a line, optionally hash,label (ThreatExchange / HMA exports)" };
        var name = new Option<string>("--name") { Description = "bank name (letters, digits, '.', '_', '-'); an existing bank of that name is replaced", Required = true };
        var command = new Command("import", "import a bank of PDQ hashes; bad lines are reported and skipped") { file, name };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var bankName = parse.GetValue(name)!;
            if (!AtharArchive.IsValidBankName(bankName))
                throw new CliException($"bank name '{bankName}' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", ExitCodes.Usage);
            using var archive = ArchiveAccess.Open(context, parse, writable: true);
            string fileSha256;
            HashBankParse parsed;
            var shown = 0;
            try
            {
                using (var stream = File.OpenRead(path)) fileSha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
                using var text = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                parsed = HashBankText.Parse(text, problem =>
                {
                    if (shown++ < ProblemLinesShown) context.Fail($"{path}:{problem.Line}: {problem.Reason}{(problem.Rejected ? "; line skipped" : "")}");
                });
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new CliException($"{path}: no such file", ExitCodes.Failure);
            }
            if (shown > ProblemLinesShown) context.Fail($"{path}: {shown - ProblemLinesShown} more problem lines not shown");
            if (parsed.Hashes == 0)
                throw new CliException($"{path}: no PDQ hashes found ({parsed.Lines} lines, {parsed.Rejected} refused); nothing imported", ExitCodes.Problems);
            var result = archive.ImportBank(bankName, Path.GetFileName(path), fileSha256, parsed.Hashes, parsed.Rejected,
                stream => HashBankFile.Write(stream, parsed.Content), Actors.CurrentUser());
            LedgerHooks.AfterWrite(archive);
            if (context.WantsJson(parse))
            {
                context.WriteJson(new
                {
                    name = bankName, fileName = result.Bank.FileName, fileSha256, bankFile = $"banks/{bankName}.pdqbank", bankSha256 = result.Bank.BankSha256,
                    lines = parsed.Lines, hashes = parsed.Hashes, labelled = parsed.Labelled, rejected = parsed.Rejected, labelsCut = parsed.LabelsCut,
                    headerSkipped = parsed.HeaderSkipped, replaced = result.ReplacedBankSha256, ledgerSeq = result.Bank.LedgerSeq,
                });
            }
            else
            {
                context.Out.WriteLine($"bank {bankName}: {parsed.Hashes} hashes ({parsed.Labelled} labelled) from {Path.GetFileName(path)}" +
                    (parsed.Rejected > 0 ? $", {parsed.Rejected} lines refused" : "") + (result.ReplacedBankSha256 is not null ? "; replaced the earlier bank of that name" : "") +
                    "; run 'athar analyze' to match it");
            }
            return parsed.Rejected > 0 ? ExitCodes.Problems : ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var command = new Command("list", "the imported hash banks");
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            var banks = archive.Catalog.Banks();
            var times = archive.Catalog.BankImportTimes();
            if (context.WantsJson(parse))
            {
                context.WriteJson(banks.Select(b => new
                {
                    name = b.Name, fileName = b.FileName, fileSha256 = b.FileSha256, bankSha256 = b.BankSha256, hashes = b.Hashes, rejected = b.Rejected,
                    importedAt = times.GetValueOrDefault(b.Name), ledgerSeq = b.LedgerSeq,
                }).ToList());
                return ExitCodes.Ok;
            }
            foreach (var b in banks)
                context.Out.WriteLine($"{b.Name,-24} {b.Hashes,12} hashes  {times.GetValueOrDefault(b.Name)}  {b.FileName} (sha256 {b.FileSha256[..12]})");
            if (banks.Count == 0) context.Out.WriteLine("no hash banks; import one with 'athar bank import FILE --name NAME'");
            return ExitCodes.Ok;
        });
        return command;
    }
}
