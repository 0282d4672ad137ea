using System.Globalization;
using Athar.Core.Custody;
using Athar.Web.Audit;

namespace Athar.Web.Cases;

/// <summary>Throughput of the transcription queue as the page shows it.</summary>
/// <param name="LastHour">Cases this person confirmed in the last 60 minutes.</param>
/// <param name="PerHour">That count over the time since the first of them (at least 5 minutes, so one quick confirmation does not read as hundreds an hour).</param>
/// <param name="Total">All cases this person ever confirmed.</param>
public sealed record QueueRate(int LastHour, double PerHour, int Total)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinimumSpan = TimeSpan.FromMinutes(5);

    /// <summary>Measured from the ledger: the person's <c>case-numbers-confirmed</c> events, so it survives restarts and counts every browser.</summary>
    public static QueueRate Measure(LedgerIndex ledger, string actor, DateTimeOffset now)
    {
        var times = ledger.Times(CustodyEventTypes.CaseNumbersConfirmed, actor, 100_000)
            .Select(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)).ToList();
        return Compute(times, now);
    }

    public static QueueRate Compute(IReadOnlyList<DateTimeOffset> confirmations, DateTimeOffset now)
    {
        var recent = confirmations.Where(t => t > now - Window && t <= now).ToList();
        if (recent.Count == 0) return new QueueRate(0, 0, confirmations.Count);
        var span = now - recent.Min();
        if (span < MinimumSpan) span = MinimumSpan;
        return new QueueRate(recent.Count, recent.Count / span.TotalHours, confirmations.Count);
    }
}
