using System.Text.Json.Nodes;
using Athar.Cases.Grouping;
using Athar.Cases.Model;
using Athar.Cases.Numbers;
using Athar.Core.Custody;

namespace Athar.Cases.Custody;

/// <summary>
/// The custody events of victim cases (CustodyEventTypes.Case*). Every event names the case in its subject and
/// carries the full resulting state of each case it changes: {"items":[...], "numbers":{...}, "bestItem"}. The
/// catalog only replaces rows with what the event says, so the ledger alone tells who changed what into what.
/// </summary>
public static class CaseEvents
{
    /// <summary>The grouping algorithm's name, recorded with its version in case-created events.</summary>
    public const string Grouping = "athar-grouping";

    public static JsonObject State(VictimCase c) => new()
    {
        ["items"] = new JsonArray([.. c.Items.Select(i => (JsonNode)i)]),
        ["numbers"] = c.Numbers.ToJson(),
        ["bestItem"] = c.BestItem,
    };

    public static VictimCase ReadState(string id, JsonObject? state)
    {
        var items = state?["items"] is JsonArray array ? array.Select(n => n?.GetValue<string>()).OfType<string>().ToList() : [];
        return new VictimCase(id, CaseNumbers.FromJson(state?["numbers"] as JsonObject), items,
            (state is null ? null : JsonFields.Text(state, "bestItem")) ?? items.FirstOrDefault() ?? "");
    }

    public static CustodyEvent Created(string actor, VictimCase c, string? camera, double? thresholdSeconds) =>
        new(CustodyEventTypes.CaseCreated, actor, Subject(c.Id), Merge(Voted(c), new JsonObject
        {
            ["grouping"] = new JsonObject
            {
                ["algorithm"] = Grouping,
                ["version"] = GroupingOptions.Version,
                ["camera"] = camera,
                ["gapThresholdSeconds"] = thresholdSeconds is { } t ? Math.Round(t, 1) : null,
            },
        }));

    public static CustodyEvent NumbersRead(string actor, VictimCase c) =>
        new(CustodyEventTypes.CaseNumbersRead, actor, Subject(c.Id), Voted(c));

    public static CustodyEvent NumbersConfirmed(string actor, VictimCase c) =>
        new(CustodyEventTypes.CaseNumbersConfirmed, actor, Subject(c.Id), State(c));

    /// <summary><paramref name="into"/> is the merged case as it now stands; <paramref name="from"/> ceases to exist.</summary>
    public static CustodyEvent Merged(string actor, VictimCase into, string from) =>
        new(CustodyEventTypes.CaseMerged, actor, Subject(into.Id), Merge(Voted(into), new JsonObject { ["from"] = from }));

    /// <summary><paramref name="kept"/> is the original case with the items before <paramref name="fromItem"/>; <paramref name="split"/> the new case.</summary>
    public static CustodyEvent Split(string actor, VictimCase kept, VictimCase split, string fromItem) =>
        new(CustodyEventTypes.CaseSplit, actor, Subject(kept.Id), Merge(Voted(kept), new JsonObject
        {
            ["fromItem"] = fromItem,
            ["newCase"] = split.Id,
            ["newState"] = State(split),
        }));

    /// <summary>
    /// <paramref name="from"/> is the case the item left as it now stands (null: the item was in no case; no
    /// items left: the case is emptied and closed); <paramref name="to"/> the case it joined.
    /// </summary>
    public static CustodyEvent ItemMoved(string actor, string item, VictimCase? from, VictimCase to, string reason) =>
        new(CustodyEventTypes.CaseItemMoved, actor, new JsonObject { ["item"] = item }, new JsonObject
        {
            ["from"] = from?.Id,
            ["fromState"] = from is null ? null : State(from),
            ["to"] = to.Id,
            ["toState"] = State(to),
            ["reason"] = reason,
            ["vote"] = Vote(),
        });

    private static JsonObject Subject(string id) => new() { ["case"] = id };

    /// <summary>
    /// The state of a case whose machine-read numbers the vote made just now, and which vote made them: a court asks
    /// what produced a number, and the vote changes between Athar versions while the readings stay in the ledger.
    /// </summary>
    private static JsonObject Voted(VictimCase c) => Merge(State(c), new JsonObject { ["vote"] = Vote() });

    private static JsonObject Vote() => new() { ["algorithm"] = NumberVote.Algorithm, ["version"] = NumberVote.Version };

    private static JsonObject Merge(JsonObject a, JsonObject b)
    {
        foreach (var (key, value) in b) a[key] = value?.DeepClone();
        return a;
    }
}
