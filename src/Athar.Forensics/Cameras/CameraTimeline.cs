using System.Globalization;
using System.Text.Json.Nodes;
using Athar.Core.Analysis;

namespace Athar.Forensics.Cameras;

/// <summary>
/// One camera's photos in time: its capture times split into periods of use (no gap over
/// <see cref="PeriodGap"/>), the main period (the one with most photos, never one that starts at a clock's
/// default date when another exists), and whether each other period fits the file numbering around the
/// main one. Within the periods that fit, the numbering must not run against the clock, and two photos
/// must not share one instant. Every threshold and its reason is in docs/analyzers.md, "camera-timeline".
/// </summary>
public sealed class CameraTimeline
{
    /// <summary>A camera idle for more than a month starts a new period of use.</summary>
    public static readonly TimeSpan PeriodGap = TimeSpan.FromDays(30);
    /// <summary>Times are written to the second; a backward step of up to 2 s is rounding or a slow write.</summary>
    public static readonly TimeSpan StepTolerance = TimeSpan.FromSeconds(2);
    /// <summary>A clock put back by up to 26 h is a daylight-saving change or travel across zones (UTC-12 to UTC+14).</summary>
    public static readonly TimeSpan ZoneChange = TimeSpan.FromHours(26);
    /// <summary>A period starting at 1 January 00:xx more than a year from the main one is a clock that fell back to its default.</summary>
    public static readonly TimeSpan DefaultDateDistance = TimeSpan.FromDays(365);
    /// <summary>Photos within this many file numbers of each other may share a second: a burst.</summary>
    public const int BurstWindow = 15;
    /// <summary>A later period numbered from 100xxxxx/0001..0050 is a counter that was reset (new card, reset setting), not a clock fault.</summary>
    public const int CounterRestartFiles = 50;

    private readonly List<(string ItemId, Finding Finding)> _findings = [];

    public CameraTimeline(CameraIdentity camera, IReadOnlyList<TimelineItem> items)
    {
        Camera = camera;
        Items = items;
        var whole = Build(items);
        Periods = whole.Periods;
        Main = whole.Main;
        // A serial names one body. Without one, the identity may merge several bodies of one model at one
        // quality setting, whose numbers, clocks and shutter counts have nothing to do with each other: then
        // each memory card (the folder that holds its DCF folders, e.g. sd-1/DCIM) is checked on its own.
        var groups = camera.Basis == CameraBasis.Serial
            ? [whole]
            : items.GroupBy(CardOf, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Build([.. g])).ToList();
        foreach (var group in groups)
        {
            if (group.Main is null) continue;
            foreach (var period in group.Periods) ReportPeriod(period, group.Main);
            foreach (var period in group.Accepted) ReportBackwardSteps(period);
            ReportShutterOrder(group.Timed);
            ReportDuplicateTimes(group.Timed);
        }
    }

    private sealed record Layout(List<TimelineItem> Timed, List<TimePeriod> Periods, TimePeriod? Main, List<TimePeriod> Accepted);

    /// <summary>The card a numbered photo was found on: the folder above its DCF folder ("" for photos without a DCF number).</summary>
    private static string CardOf(TimelineItem item)
    {
        if (item.Number is not { } number) return "";
        var slash = number.Directory.LastIndexOf('/');
        return slash < 0 ? "" : number.Directory[..slash];
    }

    /// <summary>Periods of use, the main one, and which others fit the file numbering around the accepted ones.</summary>
    private static Layout Build(IReadOnlyList<TimelineItem> items)
    {
        var timed = items.Where(i => i.Time is not null).OrderBy(i => i.Time).ThenBy(i => i.Number?.Key ?? long.MaxValue).ToList();
        var periods = new List<TimePeriod>();
        foreach (var item in timed)
        {
            if (periods.Count == 0 || item.Time!.Value - periods[^1].End > PeriodGap) periods.Add(new TimePeriod());
            periods[^1].Add(item);
        }
        if (periods.Count == 0) return new Layout(timed, periods, null, []);

        var main = periods.Where(p => !p.StartsAtDefaultDate).DefaultIfEmpty().MaxBy(p => p?.Items.Count ?? 0) ?? periods.MaxBy(p => p.Items.Count)!;
        main.Status = PeriodStatus.Main;
        var accepted = new List<TimePeriod> { main };
        foreach (var period in periods.Where(p => p != main).OrderByDescending(p => p.Items.Count).ThenBy(p => p.Start))
        {
            var verdicts = accepted.Select(a => NumberingAgrees(period, a)).ToList();
            period.Status = verdicts.Contains(false) ? PeriodStatus.OutOfOrder : verdicts.Contains(true) ? PeriodStatus.Consistent : PeriodStatus.Unknown;
            if (period.Status == PeriodStatus.OutOfOrder) period.ConflictsWith = accepted[verdicts.IndexOf(false)];
            if (period.Status != PeriodStatus.OutOfOrder && !(period.StartsAtDefaultDate && Distance(period, main) > DefaultDateDistance)) accepted.Add(period);
        }
        return new Layout(timed, periods, main, accepted);
    }

    public CameraIdentity Camera { get; }
    public IReadOnlyList<TimelineItem> Items { get; }
    public IReadOnlyList<TimePeriod> Periods { get; }
    public TimePeriod? Main { get; }
    public IReadOnlyList<(string ItemId, Finding Finding)> Findings => _findings;

    /// <summary>The camera's active period: from the first to the last photo of the periods that fit its numbering.</summary>
    public (DateTime First, DateTime Last)? Active
    {
        get
        {
            var fitting = Periods.Where(p => p == Main || (p.Status != PeriodStatus.OutOfOrder && !p.StartsAtDefaultDate)).ToList();
            return fitting.Count == 0 ? null : (fitting.Min(p => p.Start), fitting.Max(p => p.End));
        }
    }

    /// <summary>
    /// Whether the file numbers of two periods of use run the same way as their times: true, false, or null
    /// when either has no DCF numbers. A later period numbered from a fresh counter is allowed.
    /// </summary>
    private static bool? NumberingAgrees(TimePeriod x, TimePeriod a)
    {
        if (x.MinNumber is not { } xMin || x.MaxNumber is not { } xMax || a.MinNumber is not { } aMin || a.MaxNumber is not { } aMax) return null;
        if (x.End < a.Start) return xMax.Key < aMin.Key;
        return xMin.Key > aMax.Key || (xMax.Key < aMin.Key && xMin is { Folder: 100, File: <= CounterRestartFiles });
    }

    private static TimeSpan Distance(TimePeriod x, TimePeriod a) => x.End < a.Start ? a.Start - x.End : x.Start - a.End;

    private void ReportPeriod(TimePeriod period, TimePeriod main)
    {
        if (period.Status == PeriodStatus.Main) return;
        var distance = Distance(period, main);
        var mainText = $"{Iso(main.Start)} to {Iso(main.End)}, {main.Items.Count} photo(s)";
        foreach (var item in period.Items)
        {
            var data = new JsonObject
            {
                ["camera"] = Camera.Id,
                ["time"] = Iso(item.Time!.Value),
                ["period"] = period.ToJson(),
                ["mainPeriod"] = main.ToJson(),
                ["daysFromMainPeriod"] = Math.Round(distance.TotalDays, 1),
            };
            if (item.Number is { } number) data["number"] = number.Label;
            if (period.Status == PeriodStatus.OutOfOrder)
            {
                var other = period.ConflictsWith!;
                data["conflictsWith"] = other.ToJson();
                Add(item, CameraTimelineAnalyzer.TimeOutOfOrder, Severity.Warning,
                    $"This photo's capture time ({Iso(item.Time.Value)}) places it {(period.End < other.Start ? "before" : "after")} the photos {Camera.Label} took from {Iso(other.Start)} to {Iso(other.End)}, but its file number ({NumberText(item)}) places it {(period.End < other.Start ? "after or among" : "before or among")} them. A camera numbers its files in the order it takes them, so the camera's clock was wrong or reset when this photo was taken, or the time was changed afterwards.",
                    data);
            }
            if (period.StartsAtDefaultDate && distance > DefaultDateDistance)
            {
                Add(item, CameraTimelineAnalyzer.ClockReset, Severity.Warning,
                    $"This photo's capture time ({Iso(item.Time.Value)}) belongs to a run of {period.Items.Count} photo(s) that starts at {Iso(period.Start)}, 1 January just after midnight: the date a camera's clock falls back to when its battery runs out. It lies {distance.TotalDays:0} days from the camera's main period ({mainText}), so this time is not when the photo was taken.",
                    data);
            }
            else if (period.Status == PeriodStatus.Unknown)
            {
                Add(item, CameraTimelineAnalyzer.OutsidePeriod, Severity.Notice,
                    $"This photo was taken {distance.TotalDays:0} days away from the rest of {Camera.Label}'s photos ({mainText}), and it has no camera file number to check the order against. A camera used again after a pause does this; so does a clock set wrongly.",
                    data);
            }
            else if (period.Status == PeriodStatus.Consistent && period.Items.Count < 3)
            {
                Add(item, CameraTimelineAnalyzer.OutsidePeriod, Severity.Notice,
                    $"This photo was taken {distance.TotalDays:0} days away from the rest of {Camera.Label}'s photos ({mainText}). Its file number fits that order, so the camera was most likely simply used then.",
                    data);
            }
        }
    }

    // In file-number order the capture times must not go back: a step back of up to 26 h is a clock put back
    // for daylight saving or a zone (notice); more is a clock fault or an edited time (warning).
    // Card by card: a camera set to restart its numbering on each new card ("auto reset") gives two cards used
    // in one period overlapping numbers, which would read as time going back.
    private void ReportBackwardSteps(TimePeriod period)
    {
        foreach (var card in period.Items.Where(i => i.Number is not null).GroupBy(CardOf, StringComparer.Ordinal))
            ReportBackwardSteps(card);
    }

    private void ReportBackwardSteps(IEnumerable<TimelineItem> card)
    {
        TimelineItem? latest = null;
        foreach (var item in card.OrderBy(i => i.Number!.Value.Key))
        {
            if (latest is not null && latest.Time!.Value - item.Time!.Value > StepTolerance)
            {
                var back = latest.Time.Value - item.Time.Value;
                Add(item, CameraTimelineAnalyzer.TimeBackwards, back > ZoneChange ? Severity.Warning : Severity.Notice,
                    back > ZoneChange
                        ? $"This photo ({NumberText(item)}, {Iso(item.Time.Value)}) is numbered after {latest.Number!.Value.Label} but its time is {Span(back)} earlier. More than a day back cannot be a daylight-saving or time-zone change: one of the two times is wrong (a clock fault or an edit)."
                        : $"This photo ({NumberText(item)}, {Iso(item.Time.Value)}) is numbered after {latest.Number!.Value.Label} but its time is {Span(back)} earlier: the clock was put back, as for daylight saving or travel across time zones.",
                    new JsonObject
                    {
                        ["camera"] = Camera.Id, ["time"] = Iso(item.Time.Value), ["number"] = item.Number!.Value.Label,
                        ["previous"] = latest.ItemId, ["previousNumber"] = latest.Number.Value.Label, ["previousTime"] = Iso(latest.Time.Value),
                        ["secondsBack"] = Math.Round(back.TotalSeconds, 3),
                    });
            }
            if (latest is null || item.Time > latest.Time) latest = item;
        }
    }

    // The shutter count never goes back and is not reset with the card, so it orders photos even where the
    // file numbers were reset.
    private void ReportShutterOrder(List<TimelineItem> timed)
    {
        TimelineItem? latest = null;
        foreach (var item in timed.Where(i => i.ShutterCount is not null).OrderBy(i => i.ShutterCount))
        {
            if (latest is not null && latest.Time!.Value - item.Time!.Value > ZoneChange)
            {
                Add(item, CameraTimelineAnalyzer.ShutterOutOfOrder, Severity.Warning,
                    $"This photo's shutter count ({item.ShutterCount}) is higher than that of a photo taken, by the clock, {Span(latest.Time.Value - item.Time.Value)} later (count {latest.ShutterCount}). The shutter count only goes up, so one of the two times is wrong.",
                    new JsonObject
                    {
                        ["camera"] = Camera.Id, ["time"] = Iso(item.Time.Value), ["shutterCount"] = item.ShutterCount,
                        ["other"] = latest.ItemId, ["otherShutterCount"] = latest.ShutterCount, ["otherTime"] = Iso(latest.Time.Value),
                    });
            }
            if (latest is null || item.Time > latest.Time) latest = item;
        }
    }

    // One camera cannot take two different photos at one instant. Photos in one second are fine when their
    // sub-seconds differ (when the camera writes real ones) or when their file numbers are close (a burst).
    private void ReportDuplicateTimes(List<TimelineItem> timed)
    {
        var subSeconds = timed.Select(i => i.SubSecond).Where(s => s is not null).Distinct().Count();
        var usesSubSeconds = subSeconds > 1; // cameras that always write "00" give no sub-second information
        foreach (var group in timed.GroupBy(i => i.WholeSecond).Where(g => g.Count() > 1))
        {
            var list = group.ToList();
            foreach (var item in list)
            {
                var clashes = list.Where(o => o != item && Clash(item, o, usesSubSeconds)).ToList();
                if (clashes.Count == 0) continue;
                var numbered = item.Number is not null && clashes.All(o => o.Number is not null);
                var others = new JsonArray([.. clashes.Select(o => (JsonNode)new JsonObject { ["item"] = o.ItemId, ["number"] = o.Number?.Label })]);
                Add(item, CameraTimelineAnalyzer.DuplicateTime, numbered ? Severity.Warning : Severity.Notice,
                    numbered
                        ? $"{Camera.Label} recorded the same capture time ({Iso(item.Time!.Value)}) for this photo ({NumberText(item)}) and {clashes.Count} other photo(s) numbered far from it ({string.Join(", ", clashes.Select(NumberText))}). One camera cannot take photos so far apart in its sequence at one instant: a clock was reset or a time was copied from another photo."
                        : $"{Camera.Label} recorded the same capture time ({Iso(item.Time!.Value)}) for this photo and {clashes.Count} other photo(s). Without file numbers this may be a burst in one second; it may also be a time copied from another photo.",
                    new JsonObject { ["camera"] = Camera.Id, ["time"] = Iso(item.Time.Value), ["subSecond"] = item.SubSecond, ["others"] = others });
            }
        }
    }

    private static bool Clash(TimelineItem a, TimelineItem b, bool usesSubSeconds)
    {
        if (usesSubSeconds && a.SubSecond is not null && b.SubSecond is not null && a.SubSecond != b.SubSecond) return false;
        if (a.Number is { } x && b.Number is { } y && Math.Abs(x.Key - y.Key) <= BurstWindow) return false;
        return true;
    }

    private void Add(TimelineItem item, string code, Severity severity, string explanation, JsonObject data)
        => _findings.Add((item.ItemId, new Finding(code, severity, explanation, data)));

    private static string NumberText(TimelineItem item) => item.Number?.Label ?? "no file number";

    internal static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan span) => span.TotalDays >= 2 ? $"{span.TotalDays:0} days" : span.TotalHours >= 2 ? $"{span.TotalHours:0.#} hours" : span.TotalMinutes >= 2 ? $"{span.TotalMinutes:0} minutes" : $"{span.TotalSeconds:0.#} s";
}
