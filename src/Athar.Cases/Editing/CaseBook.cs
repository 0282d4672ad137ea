using Athar.Cases.Custody;
using Athar.Cases.Grouping;
using Athar.Cases.Model;
using Athar.Cases.Numbers;
using Athar.Core.Custody;

namespace Athar.Cases.Editing;

/// <summary>What `cases read` did.</summary>
public sealed record CaseReadSummary(int Photos, int Created, int ItemsAdded, int NumbersReread, IReadOnlyList<UnassignedPhoto> Unassigned, IReadOnlyDictionary<string, double> Thresholds);

/// <summary>
/// Every change to victim cases, machine or human, as custody events (docs/cases.md). Each method checks its
/// arguments against the cases as they stand, refuses with <see cref="CaseEditException"/> (recording nothing),
/// or records its events in one ledger append and returns the changed cases.
/// </summary>
public sealed class CaseBook(ICaseStore store, string actor, GroupingOptions? options = null)
{
    private Dictionary<string, PhotoFacts>? _photos;

    private Dictionary<string, PhotoFacts> Photos => _photos ??= store.Photos().ToDictionary(p => p.ItemId, StringComparer.Ordinal);

    /// <summary>
    /// Groups the photos that are in no case yet. A proposed case made only of such photos becomes a new case;
    /// new photos the grouping puts with photos already in a case join that case. Numbers a person confirmed are
    /// never changed; machine-read numbers are voted again from the current readings and recorded when they change.
    /// </summary>
    public CaseReadSummary Read()
    {
        var photos = Photos.Values.ToList();
        var cases = store.OpenCases().ToDictionary(c => c.Id, StringComparer.Ordinal);
        var caseOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in cases.Values) foreach (var item in c.Items) caseOf[item] = c.Id;

        var grouping = new CaseGrouper(options).Group(photos);
        var events = new List<CustodyEvent>();
        var next = store.HighestCaseNumber() + 1;
        int created = 0, added = 0;
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var proposal in grouping.Cases)
        {
            var fresh = proposal.Items.Where(i => !caseOf.ContainsKey(i)).ToList();
            if (fresh.Count == 0) continue;
            var owners = proposal.Items.Where(caseOf.ContainsKey).GroupBy(i => caseOf[i])
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
            if (owners.Count == 0)
            {
                var c = new VictimCase(CaseId.Format(next++), proposal.Numbers, proposal.Items, proposal.BestItem);
                cases[c.Id] = c;
                foreach (var item in c.Items) caseOf[item] = c.Id;
                events.Add(CaseEvents.Created(actor, c, proposal.Camera, proposal.Camera is { } cam ? grouping.Thresholds.GetValueOrDefault(cam) : null));
                created++;
                continue;
            }
            var target = owners[0];
            foreach (var item in fresh)
            {
                var joined = Renumber(cases[target], Ordered(cases[target].Items.Append(item)));
                cases[target] = joined;
                caseOf[item] = target;
                touched.Add(target);
                events.Add(CaseEvents.ItemMoved(actor, item, null, joined, "grouping"));
                added++;
            }
        }

        var reread = 0;
        foreach (var c in cases.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var renumbered = Renumber(c, c.Items);
            if (SameState(renumbered, c)) continue;
            events.Add(CaseEvents.NumbersRead(actor, renumbered));
            reread++;
        }
        if (events.Count > 0) store.Record(events);
        return new CaseReadSummary(photos.Count, created, added, reread, grouping.Unassigned, grouping.Thresholds);
    }

    /// <summary>A person's reading of the card: all three numbers become confirmed.</summary>
    public VictimCase Confirm(string typedCase, string detainee, string branch, string report)
    {
        var c = Open(typedCase);
        foreach (var (name, value) in new[] { ("--detainee", detainee), ("--branch", branch), ("--report", report) })
            if (value.Length is 0 or > 12 || !value.All(char.IsAsciiDigit))
                throw new CaseEditException($"{name}: '{value}' is not a card number (1 to 12 digits)", isUsage: true);
        var confirmed = c with { Numbers = new CaseNumbers(CaseNumber.ConfirmedAs(detainee), CaseNumber.ConfirmedAs(branch), CaseNumber.ConfirmedAs(report)) };
        store.Record([CaseEvents.NumbersConfirmed(actor, confirmed)]);
        return confirmed;
    }

    /// <summary>
    /// Moves every photo of <paramref name="typedFrom"/> into <paramref name="typedInto"/>, which keeps its id;
    /// the other case ceases to exist. Per number, a confirmed one is kept (the target's first), else re-voted.
    /// </summary>
    public VictimCase Merge(string typedInto, string typedFrom)
    {
        var target = Open(typedInto);
        var source = Open(typedFrom);
        if (target.Id == source.Id) throw new CaseEditException($"{target.Id}: a case cannot be merged with itself", isUsage: true);
        var items = Ordered(target.Items.Concat(source.Items));
        var numbers = new CaseNumbers(Keep(target.Numbers.Detainee, source.Numbers.Detainee), Keep(target.Numbers.Branch, source.Numbers.Branch), Keep(target.Numbers.Report, source.Numbers.Report));
        var merged = Renumber(target with { Numbers = numbers }, items);
        store.Record([CaseEvents.Merged(actor, merged, source.Id)]);
        return merged;
    }

    /// <summary>Cuts a case before <paramref name="itemId"/>: it and the photos after it (shooting order) become a new case.</summary>
    public (VictimCase Kept, VictimCase Split) Split(string typedCase, string itemId)
    {
        var c = Open(typedCase);
        var at = c.Items.ToList().IndexOf(itemId);
        if (at < 0) throw new CaseEditException($"{ItemName(itemId)} is not in {c.Id}", isUsage: true);
        if (at == 0) throw new CaseEditException($"{ItemName(itemId)} is the first photo of {c.Id}; splitting there would leave it empty", isUsage: true);
        var kept = Renumber(c, c.Items.Take(at).ToList());
        var split = Renumber(new VictimCase(CaseId.Format(store.HighestCaseNumber() + 1), CaseNumbers.Unread, [], ""), c.Items.Skip(at).ToList());
        store.Record([CaseEvents.Split(actor, kept, split, itemId)]);
        return (kept, split);
    }

    /// <summary>Moves one photo into another case (or into a case from none). A case left without photos is closed.</summary>
    public (VictimCase? From, VictimCase To) Move(string itemId, string typedCase)
    {
        var to = Open(typedCase);
        if (!Photos.ContainsKey(itemId)) throw new CaseEditException($"{ItemName(itemId)} is not an image; only photos belong to cases", isUsage: true);
        var source = store.OpenCases().FirstOrDefault(c => c.Items.Contains(itemId));
        if (source?.Id == to.Id) throw new CaseEditException($"{ItemName(itemId)} is already in {to.Id}", isUsage: true);
        VictimCase? left = null;
        if (source is not null)
        {
            var remaining = source.Items.Where(i => i != itemId).ToList();
            left = remaining.Count == 0 ? source with { Items = [], BestItem = "" } : Renumber(source, remaining);
        }
        var joined = Renumber(to, Ordered(to.Items.Append(itemId)));
        store.Record([CaseEvents.ItemMoved(actor, itemId, left, joined, "analyst")]);
        return (left, joined);
    }

    private VictimCase Open(string typed)
    {
        var id = CaseId.Normalize(typed) ?? throw new CaseEditException($"'{typed}' is not a case id (C-00042, or 42)", isUsage: true);
        return store.OpenCases().FirstOrDefault(c => c.Id == id) ?? throw new CaseEditException($"{id}: no such case (merged away, emptied, or never created)", isUsage: false);
    }

    private static CaseNumber Keep(CaseNumber mine, CaseNumber theirs) =>
        mine.Status == NumberStatus.Confirmed || theirs.Status != NumberStatus.Confirmed ? mine : theirs;

    /// <summary>The case with these items: confirmed numbers kept, the others voted from the items' readings, the best photo chosen again.</summary>
    private VictimCase Renumber(VictimCase c, IReadOnlyList<string> items)
    {
        var readings = items.Select(i => Photos.GetValueOrDefault(i)?.Card).ToList();
        var voted = NumberVote.Vote(readings);
        var numbers = new CaseNumbers(
            c.Numbers.Detainee.Status == NumberStatus.Confirmed ? c.Numbers.Detainee : voted.Detainee,
            c.Numbers.Branch.Status == NumberStatus.Confirmed ? c.Numbers.Branch : voted.Branch,
            c.Numbers.Report.Status == NumberStatus.Confirmed ? c.Numbers.Report : voted.Report);
        var best = items.Select(i => Photos.GetValueOrDefault(i)).OfType<PhotoFacts>().Where(p => p.Card is { Found: true })
            .OrderByDescending(p => p.Card!.Confidence).Select(p => p.ItemId).FirstOrDefault() ?? (items.Count > 0 ? items[0] : "");
        return c with { Items = items, Numbers = numbers, BestItem = best };
    }

    /// <summary>Shooting order across cameras: capture time, then file number, then intake order and id.</summary>
    private List<string> Ordered(IEnumerable<string> items) => items.Distinct(StringComparer.Ordinal)
        .Select(i => (Id: i, Facts: Photos.GetValueOrDefault(i)))
        .OrderBy(x => x.Facts?.Time ?? DateTime.MaxValue).ThenBy(x => x.Facts?.FileNumber ?? long.MaxValue)
        .ThenBy(x => x.Facts?.IntakeOrder ?? long.MaxValue).ThenBy(x => x.Id, StringComparer.Ordinal)
        .Select(x => x.Id).ToList();

    // Compared as recorded: confidences are written rounded to 4 digits, so a re-vote that changes nothing visible records nothing.
    private static bool SameState(VictimCase a, VictimCase b) =>
        a.BestItem == b.BestItem && a.Items.SequenceEqual(b.Items) && a.Numbers.ToJson().ToJsonString() == b.Numbers.ToJson().ToJsonString();

    private static string ItemName(string itemId) => itemId.Length > 12 ? itemId[..12] : itemId;
}
