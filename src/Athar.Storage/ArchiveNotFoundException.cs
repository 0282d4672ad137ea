namespace Athar.Storage;

public sealed class ArchiveNotFoundException(string root)
    : Exception($"{root}: not an Athar archive (run 'athar init' first, or pass --archive DIR)");
