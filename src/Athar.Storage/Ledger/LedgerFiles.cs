namespace Athar.Storage.Ledger;

/// <summary>Where the custody ledger keeps its parts inside archive/ledger/.</summary>
public sealed class LedgerFiles(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The entries: canonical JSON, one per line. The source of truth.</summary>
    public string Entries => Path.Combine(Directory, "entries.jsonl");

    /// <summary>End offset of each entry in <see cref="Entries"/>, 8 bytes little-endian each. Derived.</summary>
    public string Index => Path.Combine(Directory, "entries.idx");

    /// <summary>Stored Merkle tree hashes (tiles), so proofs need no recomputation. Derived.</summary>
    public string Tree => Path.Combine(Directory, "tree");

    /// <summary>Signed checkpoints, one file per tree size.</summary>
    public string Checkpoints => Path.Combine(Directory, "checkpoints");

    /// <summary>Bytes found torn at the end of the entries after a crash, kept for inspection.</summary>
    public string Quarantine => Path.Combine(Directory, "quarantine");

    /// <summary>Held exclusively while one process writes to the archive.</summary>
    public string Lock => Path.Combine(Directory, "writer.lock");
}
