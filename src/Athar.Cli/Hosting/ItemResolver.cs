using Athar.Core.Items;
using Athar.Storage.Catalog;

namespace Athar.Cli.Hosting;

/// <summary>Turns what a person typed (a full SHA-256 or a unique prefix of 8+ hex digits) into an item id.</summary>
internal static class ItemResolver
{
    public static string Resolve(ArchiveCatalog catalog, string typed)
    {
        var text = typed.Trim().ToLowerInvariant();
        if (text.StartsWith("sha256:", StringComparison.Ordinal)) text = text[7..];
        if (!ItemId.IsAcceptablePrefix(text))
            throw new CliException($"'{typed}': an item id is a SHA-256 in hex, or a unique prefix of at least {ItemId.MinimumPrefixLength} hex digits", ExitCodes.Usage);
        var matches = catalog.IdsWithPrefix(text, 5);
        return matches.Count switch
        {
            0 => throw new CliException($"'{typed}': no item has this id", ExitCodes.Failure),
            1 => matches[0],
            _ => throw new CliException($"'{typed}': ambiguous, matches {string.Join(", ", matches.Select(m => m[..16]))}...; type more digits", ExitCodes.Usage),
        };
    }
}
