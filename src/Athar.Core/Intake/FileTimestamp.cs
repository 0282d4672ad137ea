using System.Globalization;

namespace Athar.Core.Intake;

/// <summary>
/// A file time as the file system keeps it: seconds since the Unix epoch and nanoseconds. Written as
/// ISO 8601 UTC with all nine fractional digits, so that nothing the drive recorded is rounded away.
/// </summary>
public readonly record struct FileTimestamp(long Seconds, uint Nanoseconds)
{
    public static FileTimestamp FromDateTimeOffset(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0) { seconds--; remainder += TimeSpan.TicksPerSecond; }
        return new FileTimestamp(seconds, (uint)(remainder * 100));
    }

    public override string ToString()
    {
        var whole = DateTime.UnixEpoch.AddSeconds(Seconds);
        return whole.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." +
               Nanoseconds.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }
}
