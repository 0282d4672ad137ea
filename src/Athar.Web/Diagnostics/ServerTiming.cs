using System.Diagnostics;
using System.Globalization;

namespace Athar.Web.Diagnostics;

/// <summary>
/// The W3C <c>Server-Timing</c> header for one request's steps, so that a load test (bench/web.sh) or a browser's
/// network panel can tell where a slow page spends its time without a profiler on the server. It carries fixed step
/// names and durations only: nothing about the item or the viewer.
/// </summary>
public sealed class ServerTiming
{
    public const string HeaderName = "Server-Timing";

    private readonly List<(string Name, double Ms)> _steps = [];

    public T Measure<T>(string name, Func<T> step)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return step();
        }
        finally
        {
            Add(name, start);
        }
    }

    public void Measure(string name, Action step) => Measure(name, () => { step(); return 0; });

    public async Task Measure(string name, Func<Task> step)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await step().ConfigureAwait(false);
        }
        finally
        {
            Add(name, start);
        }
    }

    /// <summary>The header's value: <c>name;dur=milliseconds</c> per step, in the order measured.</summary>
    public string Value => string.Join(", ", _steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name};dur={s.Ms:0.0}")));

    private void Add(string name, long start) => _steps.Add((name, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
}
