using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Core.Custody;

namespace Athar.Storage;

/// <summary>
/// Analysis results go into the ledger first, one entry per item naming each analyzer, its version, the
/// input digest (the item id) and the result digest with the findings; the catalog indexes them from
/// there, so findings survive `athar rebuild` and every conclusion is part of the custody record. Archive-level
/// runs add one archive-analysis entry each, after the analysis entries of the items whose findings changed.
/// </summary>
public sealed class ArchiveAnalysisStore(AtharArchive archive, string actor) : IArchiveAnalysisStore, IHashBankSource
{
    public IEnumerable<AnalysisCandidate> Items()
    {
        foreach (var item in archive.Catalog.Items())
            yield return new AnalysisCandidate(item.Id, item.MediaType, item.Size,
                Path.Combine(archive.Objects.Path, item.ObjectPath, "v1", "content", item.StoredName));
    }

    public IReadOnlyDictionary<string, int> RecordedVersions(string itemId) => archive.Catalog.AnalyzerVersions(itemId);

    public void Record(IReadOnlyList<AnalysisResult> results)
    {
        var events = new List<CustodyEvent>();
        foreach (var group in results.GroupBy(r => r.ItemId, StringComparer.Ordinal))
        {
            var runs = new JsonArray();
            foreach (var result in group)
            {
                runs.Add(new JsonObject
                {
                    ["analyzer"] = result.Analyzer,
                    ["version"] = result.Version,
                    ["inputDigest"] = result.InputDigest,
                    ["resultDigest"] = result.ResultDigest,
                    ["findings"] = result.FindingsJson(),
                });
            }
            events.Add(new CustodyEvent(CustodyEventTypes.Analysis, actor, new JsonObject { ["item"] = group.Key }, new JsonObject { ["runs"] = runs }));
        }
        if (events.Count > 0) archive.Record(events);
    }

    public IEnumerable<ArchiveItemFacts> Facts(IReadOnlyCollection<string> codes) => archive.Catalog.ItemFacts(codes);

    public ArchiveRunRecord? LastRun(string analyzer) =>
        archive.Catalog.ArchiveRun(analyzer) is { } row ? new ArchiveRunRecord(row.Analyzer, (int)row.Version, row.InputDigest, row.LedgerSeq) : null;

    public IReadOnlyDictionary<string, (int Version, string ResultDigest)> RecordedResults(string analyzer) => archive.Catalog.RecordedResults(analyzer);

    public void RecordRun(ArchiveRunRecord run, int items, int changed, JsonObject summary) =>
        archive.Record([new CustodyEvent(CustodyEventTypes.ArchiveAnalysis, actor, new JsonObject { ["analyzer"] = run.Analyzer },
            new JsonObject
            {
                ["analyzer"] = run.Analyzer,
                ["version"] = run.Version,
                ["inputDigest"] = run.InputDigest,
                ["items"] = items,
                ["changed"] = changed,
                ["summary"] = summary.DeepClone(),
            })]);

    public IReadOnlyList<HashBankInfo> Banks() => archive.Catalog.Banks();

    public Stream OpenBank(string name) => archive.OpenBank(name);
}
