using Athar.Cases.Grouping;
using Athar.Cases.Model;
using Athar.Core.Custody;

namespace Athar.Cases.Editing;

/// <summary>The archive side of case editing: the cases as the catalog holds them, the photos' facts, and recording events. Implemented by Storage.</summary>
public interface ICaseStore
{
    /// <summary>Every case that still exists (not merged away or emptied), in id order.</summary>
    IReadOnlyList<VictimCase> OpenCases();

    /// <summary>The highest case number ever created (0 for none): the next case is this plus one.</summary>
    long HighestCaseNumber();

    /// <summary>Every image item's grouping facts, in id order.</summary>
    IReadOnlyList<PhotoFacts> Photos();

    /// <summary>Appends the events to the ledger and applies them to the catalog, in order.</summary>
    void Record(IReadOnlyList<CustodyEvent> events);
}
