using System.Globalization;
using System.Net;
using System.Text;

namespace Athar.Web.Cases;

/// <summary>
/// A horizontal bar chart as inline SVG, drawn on the server: one row per bar with its label and count. No script
/// and no style attribute (the Content-Security-Policy allows neither inline); colours are presentation attributes.
/// At most <see cref="MaxBars"/> rows; the rest are summed into one "N others" row.
/// </summary>
public static class SvgBarChart
{
    public const int MaxBars = 40;
    private const int RowHeight = 22, LabelWidth = 170, BarWidth = 460, CountWidth = 60;

    public static string Render(string title, IReadOnlyList<Bar> bars)
    {
        var rows = bars.Count <= MaxBars ? bars.ToList()
            : [.. bars.Take(MaxBars - 1), new Bar($"{bars.Count - MaxBars + 1} others", bars.Skip(MaxBars - 1).Sum(b => b.Count))];
        var max = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(b => b.Count));
        var width = LabelWidth + BarWidth + CountWidth;
        var height = Math.Max(1, rows.Count) * RowHeight + 8;
        var svg = new StringBuilder();
        var t = WebUtility.HtmlEncode(title);
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{t}" viewBox="0 0 {width} {height}" width="{width}" height="{height}">""");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{t}</title>");
        if (rows.Count == 0)
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="4" y="16" fill="#5f6368" font-size="13">No cases yet.</text>""");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = 4 + i * RowHeight;
            var w = rows[i].Count == 0 ? 0 : Math.Max(1.0, BarWidth * (double)rows[i].Count / max);
            var label = WebUtility.HtmlEncode(rows[i].Label);
            svg.Append(CultureInfo.InvariantCulture, $"""<g class="bar"><text x="{LabelWidth - 6}" y="{y + 15}" text-anchor="end" font-size="13" fill="#1d1d1f">{label}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{LabelWidth}" y="{y + 3}" width="{w:0.#}" height="{RowHeight - 6}" fill="#2f4f6f"><title>{label}: {rows[i].Count}</title></rect>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{LabelWidth + w + 6:0.#}" y="{y + 15}" font-size="13" fill="#1d1d1f">{rows[i].Count}</text></g>""");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }
}
