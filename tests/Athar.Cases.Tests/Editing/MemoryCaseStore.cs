using System.Text.Json.Nodes;
using Athar.Cases.Custody;
using Athar.Cases.Editing;
using Athar.Cases.Grouping;
using Athar.Cases.Model;
using Athar.Core.Custody;

namespace Athar.Cases.Tests.Editing;

/// <summary>
/// An <see cref="ICaseStore"/> in memory: keeps the recorded events and applies them as the catalog does (each
/// event's states replace the cases it names), so CaseBook can be tested without an archive.
/// </summary>
internal sealed class MemoryCaseStore(IEnumerable<PhotoFacts> photos) : ICaseStore
{
    private readonly List<PhotoFacts> _photos = [.. photos.OrderBy(p => p.ItemId, StringComparer.Ordinal)];
    private readonly SortedDictionary<string, VictimCase> _open = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ever = new(StringComparer.Ordinal);

    public List<CustodyEvent> Events { get; } = [];

    public IReadOnlyList<VictimCase> OpenCases() => [.. _open.Values];

    public long HighestCaseNumber() => _ever.Select(CaseId.NumberOf).DefaultIfEmpty(0).Max();

    public IReadOnlyList<PhotoFacts> Photos() => _photos;

    public void Record(IReadOnlyList<CustodyEvent> events)
    {
        foreach (var e in events)
        {
            Events.Add(e);
            var d = e.Details;
            var id = JsonFields.Text(e.Subject, "case");
            switch (e.Type)
            {
                case CustodyEventTypes.CaseMerged:
                    _open.Remove(JsonFields.Text(d, "from")!);
                    Set(id!, d);
                    break;
                case CustodyEventTypes.CaseSplit:
                    Set(id!, d);
                    Set(JsonFields.Text(d, "newCase")!, (JsonObject)d["newState"]!);
                    break;
                case CustodyEventTypes.CaseItemMoved:
                    if (JsonFields.Text(d, "from") is { } from)
                    {
                        if (d["fromState"]?["items"] is JsonArray { Count: > 0 }) Set(from, (JsonObject)d["fromState"]!);
                        else _open.Remove(from);
                    }
                    Set(JsonFields.Text(d, "to")!, (JsonObject)d["toState"]!);
                    break;
                default:
                    Set(id!, d);
                    break;
            }
        }
    }

    private void Set(string id, JsonObject state)
    {
        _open[id] = CaseEvents.ReadState(id, state);
        _ever.Add(id);
    }
}
