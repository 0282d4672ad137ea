namespace Athar.Storage.Ledger;

/// <summary>The ledger's entries are not what an append-only ledger can contain: someone or something changed them.</summary>
public sealed class LedgerCorruptException(string message) : Exception(message);
