using System.Globalization;
using Athar.Cases.Model;

namespace Athar.Cli.Commands;

/// <summary>How a case is printed: the `cases --json` contract (docs/cli.md) and one human line.</summary>
internal static class CaseJson
{
    /// <summary>Exactly {"id","card":{"detainee","branch","report"},"status","items":[sha256...]}.</summary>
    public static object Of(VictimCase c) => new
    {
        id = c.Id,
        card = new { detainee = c.Numbers.Detainee.Value, branch = c.Numbers.Branch.Value, report = c.Numbers.Report.Value },
        status = c.Status.ToText(),
        items = c.Items,
    };

    public static string Line(VictimCase c) =>
        $"{c.Id}  {c.Status.ToText(),-12}  detainee {Number(c.Numbers.Detainee)}  branch {Number(c.Numbers.Branch)}  report {Number(c.Numbers.Report)}  {c.Items.Count} photos";

    private static string Number(CaseNumber n) => n.Value is null ? "?"
        : n.Status == NumberStatus.Confirmed ? n.Value
        : string.Create(CultureInfo.InvariantCulture, $"{n.Value} ({n.Confidence:0.00})");
}
