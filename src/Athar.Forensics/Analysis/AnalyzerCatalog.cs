using Athar.Core.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Forensics.Cameras;

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

    /// <summary>
    /// The archive-level analyzers, run after the item analyzers, in this order. <paramref name="banks"/> are the
    /// archive's hash banks. Null means "no banks": a run would then clear earlier bank matches, so anything
    /// that records results must pass the archive's banks (AnalysisPass does).
    /// </summary>
    public static IReadOnlyList<IArchiveAnalyzer> ArchiveDefault(IHashBankSource? banks = null) =>
    [
        new CameraTimelineAnalyzer(),
        new ArchiveSignatureAnalyzer(),
        new NearDuplicateAnalyzer(),
        new BankMatchAnalyzer(banks),
    ];
}
