namespace Athar.Core.Analysis;

/// <summary>
/// A hash bank as the archive recorded its import (docs/cli.md, `athar bank import`).
/// </summary>
/// <param name="FileName">The imported file's name, as given (no folders).</param>
/// <param name="FileSha256">SHA-256 of the imported text file.</param>
/// <param name="BankSha256">SHA-256 of the stored binary bank (banks/NAME.pdqbank): what matching reads.</param>
/// <param name="Hashes">Hashes stored.</param>
/// <param name="Rejected">Lines refused (not a hash).</param>
public sealed record HashBankInfo(string Name, string FileName, string FileSha256, string BankSha256, long Hashes, long Rejected, long LedgerSeq);

/// <summary>The archive's hash banks: published imagery to look for. Implemented by Storage.</summary>
public interface IHashBankSource
{
    /// <summary>Every bank, by name.</summary>
    IReadOnlyList<HashBankInfo> Banks();

    /// <summary>Opens a bank's stored binary file for reading. Throws <see cref="IOException"/> when it is missing.</summary>
    Stream OpenBank(string name);
}
