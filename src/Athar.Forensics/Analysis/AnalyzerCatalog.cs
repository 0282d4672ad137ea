using Athar.Forensics.Analyzers;

namespace Athar.Forensics.Analysis;

/// <summary>Every analyzer Athar runs, in the order their results are listed. Add new analyzers here.</summary>
public static class AnalyzerCatalog
{
    public static IReadOnlyList<IItemAnalyzer> Default() =>
    [
        new JpegStructureAnalyzer(),
        new MetadataAnalyzer(),
        new EditingTraceAnalyzer(),
        new TimeConsistencyAnalyzer(),
        new CompressionSignatureAnalyzer(),
        new ThumbnailConsistencyAnalyzer(),
        new PerceptualHashAnalyzer(),
        new CardReadingAnalyzer(),
    ];

    /// <summary>The archive-level analyzers, run after the item analyzers, in this order.</summary>
    public static IReadOnlyList<IArchiveAnalyzer> ArchiveDefault() =>
    [
    ];
}
