using System.Globalization;

namespace Athar.Web.Cases;

/// <summary>One bar of a chart: its label and count.</summary>
public sealed record Bar(string Label, int Count);

/// <summary>
/// Counts of open cases: per month of the first photo's capture time (EXIF, camera-local; "unknown" without one),
/// per branch number (as read or confirmed; "unread" without one), and per camera (make and model of the first
/// photo that names one; "unknown" otherwise). Months run continuously from the first to the last, so a gap shows.
/// </summary>
public sealed record CaseStatistics(int Cases, int Confirmed, IReadOnlyList<Bar> PerMonth, IReadOnlyList<Bar> PerBranch, IReadOnlyList<Bar> PerCamera)
{
    public const string Unknown = "unknown";
    public const string Unread = "unread";

    public static CaseStatistics From(IReadOnlyList<WebCase> cases)
    {
        var months = cases.Where(c => c.FirstPhoto is not null).GroupBy(c => new DateOnly(c.FirstPhoto!.Value.Year, c.FirstPhoto.Value.Month, 1))
            .ToDictionary(g => g.Key, g => g.Count());
        var perMonth = new List<Bar>();
        if (months.Count > 0)
            for (var m = months.Keys.Min(); m <= months.Keys.Max(); m = m.AddMonths(1))
                perMonth.Add(new Bar(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), months.GetValueOrDefault(m)));
        var undated = cases.Count(c => c.FirstPhoto is null);
        if (undated > 0) perMonth.Add(new Bar(Unknown, undated));

        var perBranch = cases.GroupBy(c => c.Case.Numbers.Branch.Value ?? Unread)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new Bar(g.Key, g.Count())).ToList();
        var perCamera = cases.GroupBy(c => c.Camera ?? Unknown)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new Bar(g.Key, g.Count())).ToList();
        return new CaseStatistics(cases.Count, cases.Count(c => c.Case.Status == Athar.Cases.Model.NumberStatus.Confirmed), perMonth, perBranch, perCamera);
    }
}
