namespace Athar.Core.Analysis;

/// <summary>An item the analysis can read: its id, type and where its stored original is.</summary>
public sealed record AnalysisCandidate(string ItemId, string MediaType, long Size, string ContentPath);

/// <summary>
/// The archive side of analysis: which items exist, which analyzer versions each has had, and recording
/// results (a custody entry per item, then the catalog). Implemented by Storage.
/// </summary>
public interface IAnalysisStore
{
    IEnumerable<AnalysisCandidate> Items();

    /// <summary>Analyzer name to the version that last ran on the item.</summary>
    IReadOnlyDictionary<string, int> RecordedVersions(string itemId);

    void Record(IReadOnlyList<AnalysisResult> results);
}
