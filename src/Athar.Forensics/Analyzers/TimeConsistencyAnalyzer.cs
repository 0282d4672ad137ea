using System.Globalization;
using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Metadata;

namespace Athar.Forensics.Analyzers;

/// <summary>
/// Compares the times a file records about itself: DateTimeOriginal (capture), DateTimeDigitized (which a
/// camera writes equal to it), DateTime (last change) and the GPS time (UTC). EXIF times carry no time zone
/// unless OffsetTime* is written, so the GPS comparison allows any whole quarter-hour offset up to 14 h.
/// File-system times belong to each copy, not to the item, and are not compared here. Every tolerance and
/// its reason is in docs/analyzers.md, "time-consistency".
/// </summary>
public sealed class TimeConsistencyAnalyzer(TimeProvider? clock = null) : IItemAnalyzer
{
    public const string OutOfSequence = "exif.time-out-of-sequence";
    public const string ModifiedLater = "exif.modified-later";
    public const string GpsMismatch = "exif.gps-time-mismatch";
    public const string Implausible = "exif.time-implausible";
    public const string Malformed = "exif.time-malformed";
    public const string ProgramClock = "exif.program-clock-earlier";
    public const string ClockDefault = "exif.clock-default";

    /// <summary>Original vs digitized: a camera writes both from one clock reading; 2 s allows a rounding or a slow write.</summary>
    public static readonly TimeSpan DigitizedTolerance = TimeSpan.FromSeconds(2);
    /// <summary>DateTime after original: in-camera edits (rotate, crop, red-eye) happen minutes after the shot at most.</summary>
    public static readonly TimeSpan InCameraEditWindow = TimeSpan.FromMinutes(10);
    /// <summary>Zones span UTC-12 to UTC+14; offsets are whole quarter hours (UTC+5:45 Nepal, +8:45 Eucla).</summary>
    public static readonly TimeSpan MaxZoneOffset = TimeSpan.FromHours(14);
    public static readonly TimeSpan QuarterHour = TimeSpan.FromMinutes(15);
    /// <summary>Slack around a quarter-hour offset: a GPS fix lags the shutter, and camera clocks drift by minutes.</summary>
    public static readonly TimeSpan GpsSlack = TimeSpan.FromMinutes(3);
    /// <summary>Consumer digital cameras with EXIF date from the late 1990s; an earlier date is an unset or corrupted clock.</summary>
    public static readonly DateTime Earliest = new(1990, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    /// <summary>
    /// The date most camera clocks fall back to when the clock battery runs flat or the date was never set
    /// (2000-01-01 00:00, then counting on; Nikon, Canon, Sony, Fujifilm and Olympus compacts of the 2000s do
    /// this). A photo really taken that day, at the millennium celebrations, is the innocent exception.
    /// </summary>
    public static readonly DateOnly FactoryDefaultDate = new(2000, 1, 1);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string Name => "time-consistency";
    public int Version => 2;
    public AnalyzerNeeds Needs => AnalyzerNeeds.Bytes;
    public int CostTier => 1;

    public bool AppliesTo(string mediaType) => mediaType.StartsWith("image/", StringComparison.Ordinal);

    public IReadOnlyList<Finding> Analyze(ItemContext item)
    {
        var m = MetadataCache.For(item).Normalized;
        var findings = new List<Finding>();
        // Latest plausible local time: now in the furthest-ahead zone, plus a day of slack.
        var latest = _clock.GetUtcNow().UtcDateTime + MaxZoneOffset + TimeSpan.FromDays(1);

        foreach (var (name, time) in new[] { ("dateTimeOriginal", m.DateTimeOriginal), ("dateTimeDigitized", m.DateTimeDigitized), ("dateTime", m.DateTime) })
        {
            if (time is null) continue;
            if (time.IsMalformed)
            {
                findings.Add(new Finding(Malformed, Severity.Notice,
                    $"The EXIF {name} \"{time.Raw.Trim('\0')}\" is not a valid EXIF time. Some firmware writes odd formats; editors and hand-made metadata also do.",
                    new JsonObject { ["field"] = name, ["raw"] = time.Raw.Trim('\0') }));
            }
            else if (time.Local is { } local && (local < Earliest || local > latest))
            {
                findings.Add(new Finding(Implausible, Severity.Warning,
                    $"The EXIF {name} {Iso(local)} is {(local < Earliest ? "before 1990" : "in the future")}. A camera with an unset or reset clock does this; so does a hand-edited time.",
                    new JsonObject { ["field"] = name, ["value"] = Iso(local) }));
            }
        }

        var original = m.DateTimeOriginal?.Local;
        if ((original ?? m.DateTime?.Local) is { } shown && DateOnly.FromDateTime(shown) == FactoryDefaultDate)
        {
            var field = original is null ? "dateTime" : "dateTimeOriginal";
            findings.Add(new Finding(ClockDefault, Severity.Warning,
                $"The EXIF {field} {Iso(shown)} falls on 1 January 2000, the date camera clocks fall back to when their battery runs flat or the date was never set. The true capture time is unknown; look at the camera's other photos (file numbering, neighbours) to place it.",
                new JsonObject { ["field"] = field, ["value"] = Iso(shown) }));
        }
        if (original is { } o && m.DateTimeDigitized?.Local is { } d && (d - o).Duration() > DigitizedTolerance)
        {
            findings.Add(new Finding(OutOfSequence, Severity.Warning,
                $"The capture time (DateTimeOriginal {Iso(o)}) and the digitised time (DateTimeDigitized {Iso(d)}) differ by {Span(d - o)}. A digital camera writes both from one clock reading. Scans of film or prints legitimately differ; otherwise one was changed.",
                new JsonObject { ["original"] = Iso(o), ["digitized"] = Iso(d), ["differenceSeconds"] = Seconds(d - o) }));
        }

        if (original is { } o2 && m.DateTime?.Local is { } modified)
        {
            var later = modified - o2;
            if (later < -DigitizedTolerance)
            {
                // A program that rewrote the file set DateTime from the computer's clock, not the camera's:
                // two clocks disagreeing is a notice. With no program named, one clock wrote both: a warning.
                var program = EditorFingerprints.Match(m.Software)?.Product;
                var data = new JsonObject { ["original"] = Iso(o2), ["dateTime"] = Iso(modified), ["differenceSeconds"] = Seconds(later) };
                if (m.Software is not null) data["software"] = m.Software;
                findings.Add(program is null
                    ? new Finding(OutOfSequence, Severity.Warning,
                        $"The file's last-change time (DateTime {Iso(modified)}) is {Span(-later)} before the capture time ({Iso(o2)}). A file cannot be changed before it was taken; one of the times was set by hand or by a clock change.",
                        data)
                    : new Finding(ProgramClock, Severity.Notice,
                        $"The file's last-change time (DateTime {Iso(modified)}) is {Span(-later)} before the capture time ({Iso(o2)}); it was written by {program}, which takes the computer's clock, not the camera's. The two clocks disagree.",
                        data));
            }
            else if (later > InCameraEditWindow)
            {
                var editor = EditorFingerprints.Match(m.Software) is { Kind: WriterKind.Editor } e ? e.Product : null;
                var data = new JsonObject { ["original"] = Iso(o2), ["dateTime"] = Iso(modified), ["differenceSeconds"] = Seconds(later) };
                if (m.Software is not null) data["software"] = m.Software;
                findings.Add(editor is not null
                    ? new Finding(ModifiedLater, Severity.Warning,
                        $"The file was last written {Span(later)} after it was taken, and the writer was an editor ({editor}). It was opened and saved again, not merely copied.",
                        data)
                    : new Finding(ModifiedLater, Severity.Notice,
                        $"The file's last-change time is {Span(later)} after the capture time. In-camera edits, the maker's transfer software, or a clock change explain this; no editor is named.",
                        data));
            }
        }

        if (original is { } o3 && m.Gps?.Utc is { } gps)
        {
            var offset = o3 - gps; // the camera's zone offset, if both clocks were right
            var nearestQuarter = TimeSpan.FromTicks((long)Math.Round(offset.Ticks / (double)QuarterHour.Ticks) * QuarterHour.Ticks);
            var offGrid = (offset - nearestQuarter).Duration();
            if (offset.Duration() > MaxZoneOffset + GpsSlack || offGrid > GpsSlack)
            {
                findings.Add(new Finding(GpsMismatch, Severity.Notice,
                    $"The GPS time ({gps.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC) and the capture time ({Iso(o3)}, local) differ by {Span(offset)}, which no time-zone offset explains. A stale GPS fix or a drifting camera clock does this; so does a changed time.",
                    new JsonObject { ["original"] = Iso(o3), ["gpsUtc"] = gps.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), ["differenceSeconds"] = Seconds(offset) }));
            }
        }
        return findings;
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    private static long Seconds(TimeSpan t) => (long)Math.Round(t.TotalSeconds);

    private static string Span(TimeSpan t)
    {
        t = t.Duration();
        return t.TotalDays >= 2 ? $"{t.TotalDays:0.#} days"
            : t.TotalHours >= 2 ? $"{t.TotalHours:0.#} hours"
            : t.TotalMinutes >= 2 ? $"{t.TotalMinutes:0} minutes"
            : $"{t.TotalSeconds:0} seconds";
    }
}
