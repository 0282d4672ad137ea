using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Athar.Web.Catalog;
using Microsoft.AspNetCore.Html;

namespace Athar.Web.Charts;

/// <summary>
/// Bar charts drawn on the server as inline SVG: no script, no inline style (colours come from site.css classes,
/// which the CSP allows), a <c>title</c> on every bar for its exact count, and an aria-label that says what the
/// chart shows.
/// </summary>
public static class SvgChart
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>One horizontal bar per row, labels on the left, counts at the bar's end.</summary>
    public static IHtmlContent Bars(IReadOnlyList<CountRow> rows, string label, Func<int, string>? barClass = null)
    {
        if (rows.Count == 0) return new HtmlString("<p class=\"note\">Nothing to chart yet.</p>");
        const int width = 560, labelWidth = 190, rowHeight = 22, countWidth = 70;
        var max = Math.Max(1, rows.Max(r => r.Count));
        var height = rows.Count * rowHeight + 4;
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Encoder.Encode(label)}\">"));
        for (var i = 0; i < rows.Count; i++)
        {
            var y = i * rowHeight + 2;
            var w = Math.Max(1.0, (width - labelWidth - countWidth) * rows[i].Count / (double)max);
            var text = Encoder.Encode(Shorten(rows[i].Label, 28));
            svg.Append(Inv($"<text class=\"label\" x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{text}</text>"));
            svg.Append(Inv($"<rect class=\"{barClass?.Invoke(i) ?? "bar"}\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"{rowHeight - 6}\"><title>{Encoder.Encode(rows[i].Label)}: {rows[i].Count}</title></rect>"));
            svg.Append(Inv($"<text class=\"count\" x=\"{labelWidth + w + 5:0.#}\" y=\"{y + 15}\">{rows[i].Count}</text>"));
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>One column per row (months, in order), with every few labels under the axis so that they do not collide.</summary>
    public static IHtmlContent Columns(IReadOnlyList<CountRow> rows, string label)
    {
        if (rows.Count == 0) return new HtmlString("<p class=\"note\">Nothing to chart yet.</p>");
        const int height = 200, axis = 40, top = 18;
        var column = Math.Clamp(560 / rows.Count, 6, 40);
        var width = Math.Max(300, rows.Count * column + 50);
        var max = Math.Max(1, rows.Max(r => r.Count));
        var every = Math.Max(1, (int)Math.Ceiling(60.0 / column));
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Encoder.Encode(label)}\">"));
        svg.Append(Inv($"<text class=\"count\" x=\"2\" y=\"12\">max {max}</text>"));
        svg.Append(Inv($"<line class=\"axis\" x1=\"0\" y1=\"{height - axis}\" x2=\"{width}\" y2=\"{height - axis}\"/>"));
        for (var i = 0; i < rows.Count; i++)
        {
            var h = Math.Max(1.0, (height - axis - top) * rows[i].Count / (double)max);
            var x = i * column + 4;
            svg.Append(Inv($"<rect class=\"bar\" x=\"{x}\" y=\"{height - axis - h:0.#}\" width=\"{Math.Max(2, column - 2)}\" height=\"{h:0.#}\"><title>{Encoder.Encode(rows[i].Label)}: {rows[i].Count}</title></rect>"));
            if (i % every == 0)
                svg.Append(Inv($"<text class=\"label\" x=\"{x}\" y=\"{height - axis + 14}\">{Encoder.Encode(rows[i].Label)}</text>"));
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
