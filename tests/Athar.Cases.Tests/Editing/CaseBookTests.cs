using Athar.Cases.Editing;
using Athar.Cases.Grouping;
using Athar.Cases.Model;
using Athar.Cases.Numbers;
using Athar.Core.Custody;
using static Athar.Cases.Tests.Grouping.Facts;

namespace Athar.Cases.Tests.Editing;

public sealed class CaseBookTests
{
    private static List<PhotoFacts> ThreeBodies() =>
        [.. Shoot(bodies: 3, photos: 4, within: TimeSpan.FromSeconds(30), between: TimeSpan.FromMinutes(20))
            .Select(p => p with { Card = Card(p.ItemId[1] switch { '0' => "1001", '1' => "1002", _ => "1003" }, "215", "77", 0.9) })];

    private static (MemoryCaseStore Store, CaseBook Book) Read(List<PhotoFacts>? photos = null)
    {
        var store = new MemoryCaseStore(photos ?? ThreeBodies());
        var book = new CaseBook(store, "analyst-1");
        book.Read();
        return (store, book);
    }

    [Fact]
    public void Read_creates_numbered_cases_with_voted_numbers_and_records_one_event_each()
    {
        var (store, _) = Read();

        Assert.Equal(["C-00001", "C-00002", "C-00003"], store.OpenCases().Select(c => c.Id));
        Assert.Equal("1002", store.OpenCases()[1].Numbers.Detainee.Value);
        Assert.All(store.Events, e => Assert.Equal(CustodyEventTypes.CaseCreated, e.Type));
        Assert.Equal(GroupingOptions.Version, store.Events[0].Details["grouping"]!["version"]!.GetValue<int>());
        Assert.Equal((NumberVote.Algorithm, NumberVote.Version), VoteOf(store.Events[0]));
        Assert.Equal(4, store.Events[0].Details["items"]!.AsArray().Count);
    }

    [Fact]
    public void Reading_again_records_nothing()
    {
        var (store, book) = Read();
        var before = store.Events.Count;

        var summary = book.Read();

        Assert.Equal(before, store.Events.Count);
        Assert.Equal(0, summary.Created + summary.ItemsAdded + summary.NumbersReread);
    }

    [Fact]
    public void New_readings_update_machine_numbers_but_never_confirmed_ones()
    {
        var photos = ThreeBodies().Select(p => p with { Card = null }).ToList();
        var store = new MemoryCaseStore(photos);
        new CaseBook(store, "machine").Read();
        new CaseBook(store, "analyst-1").Confirm("C-00001", "9", "9", "9");

        // The card reader runs later: every photo now has a reading.
        var reread = new MemoryCaseStore(ThreeBodies());
        reread.Record(store.Events);
        var summary = new CaseBook(reread, "machine").Read();

        Assert.Equal(2, summary.NumbersReread);
        var reads = reread.Events.Where(e => e.Type == CustodyEventTypes.CaseNumbersRead).ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, e => Assert.Equal((NumberVote.Algorithm, NumberVote.Version), VoteOf(e)));
        // A person's confirmation is not the vote's work, so it names no vote.
        Assert.Null(reread.Events.Single(e => e.Type == CustodyEventTypes.CaseNumbersConfirmed).Details["vote"]);
        Assert.Equal("9", reread.OpenCases()[0].Numbers.Detainee.Value);
        Assert.Equal(NumberStatus.Confirmed, reread.OpenCases()[0].Status);
        Assert.Equal("1002", reread.OpenCases()[1].Numbers.Detainee.Value);
    }

    [Fact]
    public void Confirm_validates_numbers_and_records_the_actor()
    {
        var (store, book) = Read();

        Assert.True(Assert.Throws<CaseEditException>(() => book.Confirm("C-00001", "12a", "215", "77")).IsUsage);
        Assert.True(Assert.Throws<CaseEditException>(() => book.Confirm("nonsense", "1", "215", "77")).IsUsage);
        Assert.False(Assert.Throws<CaseEditException>(() => book.Confirm("C-00099", "1", "215", "77")).IsUsage);
        var confirmed = book.Confirm("2", "1002", "215", "78");

        Assert.Equal(NumberStatus.Confirmed, confirmed.Status);
        var last = store.Events[^1];
        Assert.Equal((CustodyEventTypes.CaseNumbersConfirmed, "analyst-1"), (last.Type, last.Actor));
        Assert.Equal("78", store.OpenCases()[1].Numbers.Report.Value);
    }

    [Fact]
    public void Merge_moves_every_photo_and_closes_the_other_case()
    {
        var (store, book) = Read();

        Assert.Throws<CaseEditException>(() => book.Merge("1", "1"));
        var merged = book.Merge("C-00001", "C-00002");

        Assert.Equal(8, merged.Items.Count);
        Assert.Equal(["C-00001", "C-00003"], store.OpenCases().Select(c => c.Id));
        Assert.Equal(merged.Items.Order(StringComparer.Ordinal), merged.Items.Order(StringComparer.Ordinal).Distinct());
        Assert.Equal(CustodyEventTypes.CaseMerged, store.Events[^1].Type);
        Assert.Equal((NumberVote.Algorithm, NumberVote.Version), VoteOf(store.Events[^1]));
        Assert.False(Assert.Throws<CaseEditException>(() => book.Merge("1", "2")).IsUsage);
    }

    [Fact]
    public void Split_cuts_before_the_photo_and_gives_the_new_case_the_next_id()
    {
        var (store, book) = Read();

        Assert.Throws<CaseEditException>(() => book.Split("1", "b0-p0"));
        Assert.Throws<CaseEditException>(() => book.Split("1", "b1-p2"));
        var (kept, split) = book.Split("1", "b0-p2");

        Assert.Equal(["b0-p0", "b0-p1"], kept.Items);
        Assert.Equal("C-00004", split.Id);
        Assert.Equal(["b0-p2", "b0-p3"], split.Items);
        Assert.Equal("1001", split.Numbers.Detainee.Value);
        Assert.Equal(4, store.OpenCases().Count);
    }

    [Fact]
    public void Move_puts_the_photo_in_shooting_order_and_closes_an_emptied_case()
    {
        var (store, book) = Read();

        Assert.Throws<CaseEditException>(() => book.Move("b0-p1", "1"));
        var (from, to) = book.Move("b1-p0", "C-00001");

        Assert.Equal(["b0-p0", "b0-p1", "b0-p2", "b0-p3", "b1-p0"], to.Items);
        Assert.Equal(3, from!.Items.Count);
        foreach (var item in new[] { "b2-p0", "b2-p1", "b2-p2", "b2-p3" }) book.Move(item, "2");
        Assert.Equal(["C-00001", "C-00002"], store.OpenCases().Select(c => c.Id));
    }

    [Fact]
    public void Ids_are_never_reused_after_a_merge()
    {
        var (store, book) = Read();
        book.Merge("1", "3");

        var (_, split) = book.Split("1", "b2-p0");

        Assert.Equal("C-00004", split.Id);
        Assert.Equal(3, store.OpenCases().Count);
    }

    private static (string?, int?) VoteOf(CustodyEvent e) =>
        (e.Details["vote"]?["algorithm"]?.GetValue<string>(), e.Details["vote"]?["version"]?.GetValue<int>());
}
