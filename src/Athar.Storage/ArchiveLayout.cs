namespace Athar.Storage;

/// <summary>The folders and files of an archive on disk (DESIGN.md, "An archive on disk").</summary>
public sealed class ArchiveLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string Objects => Path.Combine(Root, "objects");
    public string Ledger => Path.Combine(Root, "ledger");
    public string Catalog => Path.Combine(Root, "catalog.db");
    public string Derived => Path.Combine(Root, "derived");
    public string Keys => Path.Combine(Root, "keys");

    /// <summary>Imported hash banks, one binary file each (banks/NAME.pdqbank); created on the first import.</summary>
    public string Banks => Path.Combine(Root, "banks");

    /// <summary>Work in progress on the archive's own file system, so a finished object is one rename away.</summary>
    public string Staging => Path.Combine(Root, "staging");

    public bool LooksLikeArchive => File.Exists(Path.Combine(Objects, "0=ocfl_1.1")) && Directory.Exists(Ledger);
}
