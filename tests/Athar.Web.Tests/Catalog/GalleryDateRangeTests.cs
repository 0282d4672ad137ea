using Athar.Web.Catalog;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Athar.Web.Tests.Catalog;

/// <summary>
/// The gallery's date-range start (GalleryIndex.FirstTakenIn) walks the days of the range instead of reading every
/// item in it; it must still find the least rowid, which is often not on the range's first day.
/// </summary>
public sealed class GalleryDateRangeTests
{
    [Fact]
    public void The_first_item_in_a_date_range_is_the_least_rowid_on_any_of_its_days()
    {
        using var c = new SqliteConnection("Data Source=:memory:");
        c.Open();
        c.Execute("CREATE TABLE item (item_rowid INTEGER PRIMARY KEY, taken TEXT); CREATE INDEX item_by_taken ON item(taken, item_rowid);");
        var random = new Random(7);
        var days = Enumerable.Range(0, 40).Select(d => new DateOnly(2012, 5, 1).AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        // Days in no order against rowids (as when drives of different years are ingested in turn), some items undated.
        for (var rowid = 1; rowid <= 2000; rowid++)
            c.Execute("INSERT INTO item VALUES (@rowid, @taken)", new { rowid, taken = random.Next(10) == 0 ? null : days[random.Next(days.Length)] });
        for (var trial = 0; trial < 200; trial++)
        {
            var a = random.Next(-2, days.Length + 2);
            var b = random.Next(a, days.Length + 3);
            var low = a < 0 ? "" : a >= days.Length ? "2013-01-01" : days[a];
            var high = b >= days.Length ? "9999" : days[b];
            var expected = c.ExecuteScalar<long?>("SELECT MIN(item_rowid) FROM item WHERE taken >= @low AND taken <= @high", new { low, high });
            Assert.Equal(expected, GalleryIndex.FirstTakenIn(c, low, high));
        }
        Assert.Null(GalleryIndex.FirstTakenIn(c, "2013-01-01", "9999"));
        // The earliest day's first item is not the answer when a later day starts earlier in rowid order.
        c.Execute("DELETE FROM item; INSERT INTO item VALUES (1, '2012-05-03'), (2, '2012-05-01'), (3, '2012-05-02'), (4, NULL)");
        Assert.Equal(1, GalleryIndex.FirstTakenIn(c, "2012-05-01", "2012-05-03"));
        Assert.Equal(2, GalleryIndex.FirstTakenIn(c, "2012-05-01", "2012-05-02"));
    }
}
