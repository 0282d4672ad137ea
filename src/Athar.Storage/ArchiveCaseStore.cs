using Athar.Cases.Editing;
using Athar.Cases.Grouping;
using Athar.Cases.Model;
using Athar.Core.Custody;
using Athar.Storage.Catalog;

namespace Athar.Storage;

/// <summary>
/// Victim cases over an open archive: read from the catalog, changed only through custody events (the ledger
/// first, then the catalog's projection of them), as everything else.
/// </summary>
public sealed class ArchiveCaseStore(AtharArchive archive) : ICaseStore
{
    public IReadOnlyList<VictimCase> OpenCases()
    {
        var items = archive.Catalog.CaseItems();
        return archive.Catalog.OpenCases().Select(row => ToCase(row, items.GetValueOrDefault(row.Id) ?? [])).ToList();
    }

    public long HighestCaseNumber() => archive.Catalog.AllCaseIds().Select(CaseId.NumberOf).DefaultIfEmpty(0).Max();

    public IReadOnlyList<PhotoFacts> Photos() =>
        archive.Catalog.ItemFacts(PhotoFactsReader.FactCodes).Select(PhotoFactsReader.Read).OfType<PhotoFacts>().ToList();

    public void Record(IReadOnlyList<CustodyEvent> events) => archive.Record(events);

    public static VictimCase ToCase(CaseRow row, IReadOnlyList<string> items) => new(row.Id,
        new CaseNumbers(
            new CaseNumber(row.Detainee, row.DetaineeConfidence, NumberStatusNames.Parse(row.DetaineeStatus)),
            new CaseNumber(row.Branch, row.BranchConfidence, NumberStatusNames.Parse(row.BranchStatus)),
            new CaseNumber(row.Report, row.ReportConfidence, NumberStatusNames.Parse(row.ReportStatus))),
        items, row.BestItem ?? (items.Count > 0 ? items[0] : ""));
}
