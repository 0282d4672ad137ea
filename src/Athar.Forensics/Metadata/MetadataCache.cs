using System.Runtime.CompilerServices;
using Athar.Forensics.Analysis;

namespace Athar.Forensics.Metadata;

/// <summary>
/// One <see cref="MetadataExtraction"/> per <see cref="ItemContext"/>, shared by every analyzer that reads
/// metadata, so MetadataExtractor runs once per item. Entries live as long as their context does.
/// </summary>
public static class MetadataCache
{
    private static readonly ConditionalWeakTable<ItemContext, MetadataExtraction> Table = new();

    public static MetadataExtraction For(ItemContext item) => Table.GetValue(item, static c => MetadataExtraction.Read(c.Bytes));
}
