using System.Text.Json.Nodes;
using Athar.Core.Analysis;

namespace Athar.Forensics.Analysis;

/// <summary>
/// The findings of one archive-level run: per item (items absent found nothing), and a summary of the whole
/// (groups, cameras, counts) that is recorded in the run's custody entry.
/// </summary>
public sealed record ArchiveAnalysisOutput(IReadOnlyDictionary<string, IReadOnlyList<Finding>> Findings, JsonObject Summary);

/// <summary>
/// An analysis of the archive as a whole: questions no single file answers (which items are near-duplicates,
/// how each camera's clock and numbering run, what the archive's own cameras write). It reads only the facts
/// item analyzers recorded (<see cref="FactCodes"/>), and re-runs when those facts, its extra inputs or its
/// version change. <see cref="Name"/> must not collide with an item analyzer's.
/// </summary>
public interface IArchiveAnalyzer
{
    /// <summary>Stable name, recorded with every result. Never rename.</summary>
    string Name { get; }

    /// <summary>Raise whenever the findings could change for the same facts.</summary>
    int Version { get; }

    /// <summary>The finding codes (recorded by item analyzers) whose data this analyzer reads.</summary>
    IReadOnlyCollection<string> FactCodes { get; }

    /// <summary>
    /// A digest of inputs other than the items' facts (for example the hash banks), or "" for none. A change
    /// makes the analyzer stale.
    /// </summary>
    string ExtraInputDigest { get; }

    ArchiveAnalysisOutput Analyze(IReadOnlyList<ArchiveItemFacts> items, CancellationToken cancel);
}
