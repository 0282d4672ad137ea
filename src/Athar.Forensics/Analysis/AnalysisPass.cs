using Athar.Core.Analysis;

namespace Athar.Forensics.Analysis;

public sealed record AnalysisPassSummary(AnalysisSummary Items, IReadOnlyList<ArchiveRunSummary> Archive)
{
    public int Findings => Items.Findings + Archive.Sum(a => a.Findings);
    public bool RecordedAnything => Items.Results > 0 || Archive.Any(a => a.Ran);
}

/// <summary>
/// One `athar analyze`: the stale item analyzers over every item, then the stale archive-level analyzers over
/// what the item analyzers recorded (they read those facts, so they always come second).
/// </summary>
public static class AnalysisPass
{
    public static AnalysisPassSummary Run(IArchiveAnalysisStore store, int maxTier = 1, IProgress<AnalysisProgress>? progress = null, CancellationToken cancel = default)
    {
        var items = new AnalysisRunner(store, AnalyzerCatalog.Default()).Run(maxTier, progress, cancel);
        // The store that holds the items also holds the hash banks (Storage's ArchiveAnalysisStore does).
        var archive = new ArchiveAnalysisRunner(store, AnalyzerCatalog.ArchiveDefault(store as IHashBankSource)).Run(cancel);
        return new AnalysisPassSummary(items, archive);
    }
}
