using System.Text.Json.Nodes;

namespace Athar.Forensics.Cameras;

/// <summary>
/// How a period of use stands against the camera's file numbering: the main period; consistent (its numbers
/// run the same way as its times); unknown (no numbers to compare); out of order (they contradict).
/// </summary>
public enum PeriodStatus { Unknown, Main, Consistent, OutOfOrder }

/// <summary>A stretch of a camera's use with no gap over a month, its photos in time order.</summary>
public sealed class TimePeriod
{
    private readonly List<TimelineItem> _items = [];

    public IReadOnlyList<TimelineItem> Items => _items;
    public DateTime Start => _items[0].Time!.Value;
    public DateTime End => _items[^1].Time!.Value;
    public DcfNumber? MinNumber { get; private set; }
    public DcfNumber? MaxNumber { get; private set; }
    public PeriodStatus Status { get; internal set; }
    public TimePeriod? ConflictsWith { get; internal set; }

    /// <summary>Starts in the first hour of 1 January: where camera clocks fall back to (2000-01-01 00:00, 2005-01-01 00:00, ...).</summary>
    public bool StartsAtDefaultDate => Start is { Month: 1, Day: 1, Hour: 0 };

    internal void Add(TimelineItem item)
    {
        _items.Add(item);
        if (item.Number is not { } n) return;
        if (MinNumber is null || n.Key < MinNumber.Value.Key) MinNumber = n;
        if (MaxNumber is null || n.Key > MaxNumber.Value.Key) MaxNumber = n;
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["start"] = CameraTimeline.Iso(Start), ["end"] = CameraTimeline.Iso(End), ["items"] = _items.Count };
        if (MinNumber is { } min) json["firstNumber"] = min.Label;
        if (MaxNumber is { } max) json["lastNumber"] = max.Label;
        return json;
    }
}
