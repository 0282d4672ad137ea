using System.Globalization;
using System.Text;
using Athar.Cases.Model;

namespace Athar.Web.Cases;

/// <summary>
/// The CSV export of cases (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
/// line break; UTF-8 without a byte-order mark). It carries numbers, dates, counts and hashes, never images. The
/// columns are documented in docs/web.md ("Case export"); change both together.
/// </summary>
public static class CaseCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "case", "status", "detainee", "detainee_status", "detainee_confidence", "branch", "branch_status", "branch_confidence",
        "report", "report_status", "report_confidence", "photos", "first_photo", "last_photo", "camera", "signs", "best_item",
    ];

    public static string Write(IReadOnlyList<WebCase> cases, IReadOnlyDictionary<string, IReadOnlyList<string>> signsByCase)
    {
        var csv = new StringBuilder();
        Line(csv, Columns);
        foreach (var c in cases)
        {
            var n = c.Case.Numbers;
            Line(csv,
            [
                c.Id, c.Case.Status.ToText(),
                n.Detainee.Value ?? "", n.Detainee.Status.ToText(), Confidence(n.Detainee),
                n.Branch.Value ?? "", n.Branch.Status.ToText(), Confidence(n.Branch),
                n.Report.Value ?? "", n.Report.Status.ToText(), Confidence(n.Report),
                c.Case.Items.Count.ToString(CultureInfo.InvariantCulture), Time(c.FirstPhoto), Time(c.LastPhoto), c.Camera ?? "",
                string.Join(';', signsByCase.GetValueOrDefault(c.Id) ?? []), c.Case.BestItem,
            ]);
        }
        return csv.ToString();
    }

    private static string Confidence(CaseNumber n) => n.Value is null ? "" : n.Confidence.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Time(DateTime? t) => t?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder csv, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) csv.Append(',');
            first = false;
            // A leading =, +, - or @ would be a formula in a spreadsheet (CSV injection): quote it with a leading apostrophe.
            var value = field.Length > 0 && "=+-@".Contains(field[0], StringComparison.Ordinal) ? "'" + field : field;
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0) csv.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else csv.Append(value);
        }
        csv.Append("\r\n");
    }
}
