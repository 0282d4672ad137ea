namespace Athar.Core.Analysis;

/// <summary>What the archive recorded when an archive-level analyzer last ran.</summary>
public sealed record ArchiveRunRecord(string Analyzer, int Version, string InputDigest, long LedgerSeq);

/// <summary>
/// The archive side of archive-level analysis: the recorded facts per item, the last run of each archive
/// analyzer, and recording a new run (per-item results whose findings changed, then one summary event).
/// Implemented by Storage.
/// </summary>
public interface IArchiveAnalysisStore : IAnalysisStore
{
    /// <summary>Every item, in id order, with the data of its findings whose code is in <paramref name="codes"/>.</summary>
    IEnumerable<ArchiveItemFacts> Facts(IReadOnlyCollection<string> codes);

    ArchiveRunRecord? LastRun(string analyzer);

    /// <summary>Item id to the version and result digest last recorded for <paramref name="analyzer"/> (items never recorded are absent).</summary>
    IReadOnlyDictionary<string, (int Version, string ResultDigest)> RecordedResults(string analyzer);

    /// <summary>Records that a run finished: its analyzer, version, input digest, counts and summary.</summary>
    void RecordRun(ArchiveRunRecord run, int items, int changed, System.Text.Json.Nodes.JsonObject summary);
}
