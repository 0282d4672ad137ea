using System.Text.Json.Nodes;

namespace Athar.Core.Analysis;

/// <summary>
/// What an archive-level analyzer knows about one item: what the item analyzers recorded about it (the data
/// of the findings it asked for, by code) and where its copies were found. Archive analyzers work from these
/// recorded facts, never from the files, so a run over 55,000 items takes seconds and its input is exactly
/// what the ledger says.
/// </summary>
/// <param name="FirstSequence">The ledger entry that first recorded the item: the order of intake.</param>
/// <param name="Paths">Each copy's path inside its source, in intake order (file names carry camera numbering).</param>
/// <param name="Facts">Finding code to that finding's data, for the codes the analyzer asked for (first finding of each code).</param>
public sealed record ArchiveItemFacts(
    string ItemId,
    string MediaType,
    long FirstSequence,
    IReadOnlyList<string> Paths,
    IReadOnlyDictionary<string, JsonObject> Facts)
{
    public JsonObject? Fact(string code) => Facts.TryGetValue(code, out var data) ? data : null;
}
