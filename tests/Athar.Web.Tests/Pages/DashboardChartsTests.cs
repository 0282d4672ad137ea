using Athar.Web.Catalog;
using Athar.Web.Charts;
using Athar.Web.Pages;

namespace Athar.Web.Tests.Pages;

public sealed class DashboardChartsTests
{
    [Fact]
    public void Months_without_photos_are_filled_with_zero_between_the_first_and_the_last()
    {
        var filled = IndexModel.ContinuousMonths([new("2011-11", 3), new("2012-02", 5)]);
        Assert.Equal(["2011-11", "2011-12", "2012-01", "2012-02"], filled.Select(m => m.Label));
        Assert.Equal([3L, 0, 0, 5], filled.Select(m => m.Count));
    }

    [Fact]
    public void Charts_escape_labels_and_carry_no_inline_style_or_script()
    {
        var html = SvgChart.Bars([new CountRow("<script>alert(1)</script>", 4), new CountRow("Canon", 2)], "Photos per camera").ToString()!;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Contains("<title>Canon: 2</title>", html, StringComparison.Ordinal);
        var columns = SvgChart.Columns([new CountRow("2011-05", 10), new CountRow("2011-06", 5)], "Photos per month").ToString()!;
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(columns, "<rect class=\"bar\""));
        Assert.DoesNotContain("style=", columns, StringComparison.Ordinal);
    }
}
