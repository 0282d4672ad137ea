using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Athar.Core.Analysis;
using Athar.Core.Custody;
using Athar.Storage.IO;

namespace Athar.Storage;

/// <summary>What a bank import recorded: the bank, and whether it replaced one of the same name.</summary>
public sealed record BankImportResult(HashBankInfo Bank, string Path, string? ReplacedBankSha256);

/// <summary>
/// Hash banks: lists of published imagery (PDQ hashes with labels) that `athar bank import` stores inside the
/// archive as banks/NAME.pdqbank, so that matching is reproducible offline and the bank is part of the custody
/// record. Storage treats the file as opaque bytes; its format belongs to Athar.Forensics (HashBankFile).
/// </summary>
public sealed partial class AtharArchive
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex BankNamePattern();

    /// <summary>True for 1 to 64 letters, digits, '.', '_' or '-', not starting with '.', '_' or '-' (a bank name is a file name).</summary>
    public static bool IsValidBankName(string name) => BankNamePattern().IsMatch(name);

    public string BankPath(string name) => Path.Combine(Layout.Banks, name + ".pdqbank");

    /// <summary>
    /// Stores a bank: <paramref name="writeBank"/> writes its binary form into a temporary file beside the
    /// target, which is flushed to disk and renamed into place, then one bank-imported entry records the name,
    /// the imported file's name and SHA-256, the stored file's SHA-256 and the counts. A bank of the same name
    /// is replaced; the entry names the digest it replaced. A crash before the entry leaves the old entry in
    /// force and a file whose digest no longer matches it, which matching refuses until the import is re-run.
    /// </summary>
    public BankImportResult ImportBank(string name, string fileName, string fileSha256, long hashes, long rejected, Action<Stream> writeBank, string actor)
    {
        if (!IsValidBankName(name)) throw new ArgumentException($"bank name '{name}' must be 1 to 64 letters, digits, '.', '_' or '-'", nameof(name));
        Directory.CreateDirectory(Layout.Banks);
        var path = BankPath(name);
        var temporary = Path.Combine(Layout.Banks, $".{name}.{Guid.NewGuid():N}.tmp");
        string bankSha256;
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20))
            {
                writeBank(stream);
                stream.Flush(flushToDisk: true);
                stream.Position = 0;
                bankSha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            File.Move(temporary, path, overwrite: true);
            Durability.SyncDirectory(Layout.Banks);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        var replaced = Catalog.Banks().FirstOrDefault(b => b.Name == name)?.BankSha256;
        var entry = Record([new CustodyEvent(CustodyEventTypes.BankImported, actor, new JsonObject { ["bank"] = name }, new JsonObject
        {
            ["name"] = name,
            ["fileName"] = fileName,
            ["fileSha256"] = fileSha256,
            ["bankFile"] = $"banks/{name}.pdqbank",
            ["bankSha256"] = bankSha256,
            ["hashes"] = hashes,
            ["rejected"] = rejected,
            ["replaced"] = replaced,
        })])[0];
        return new BankImportResult(new HashBankInfo(name, fileName, fileSha256, bankSha256, hashes, rejected, entry.Sequence), path, replaced);
    }

    /// <summary>Opens a stored bank for reading; <see cref="FileNotFoundException"/> when it is missing.</summary>
    public Stream OpenBank(string name) =>
        new FileStream(BankPath(name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
}
