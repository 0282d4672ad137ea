using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace Athar.Web.Tests.Browser;

/// <summary>
/// Every request the watched browser contexts make, with when it started and how long it took, so that a step that
/// times out says what it was waiting on: the review flow timed out twice in clean-clone CI runs (90 s on a page
/// load) and passes in seconds when run again.
/// </summary>
internal sealed class RequestLog
{
    private readonly ConcurrentDictionary<IRequest, DateTime> _pending = new();
    private readonly ConcurrentQueue<(string Request, double Seconds)> _finished = new();

    public RequestLog(IBrowserContext? context = null)
    {
        if (context is not null) Watch(context);
    }

    public void Watch(IBrowserContext context)
    {
        context.Request += (_, request) => _pending[request] = DateTime.UtcNow;
        context.RequestFinished += (_, request) => Finish(request, "");
        context.RequestFailed += (_, request) => Finish(request, $" failed: {request.Failure}");
    }

    /// <summary>Runs <paramref name="flow"/>; a timeout is thrown again with the requests still open and the slowest done.</summary>
    public async Task Run(Func<Task> flow)
    {
        try
        {
            await flow();
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            throw new TimeoutException(e.Message + Environment.NewLine + Describe(), e);
        }
    }

    public string Describe()
    {
        var now = DateTime.UtcNow;
        var text = new StringBuilder("requests still open:");
        foreach (var (request, started) in _pending.OrderBy(p => p.Value))
            text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  {request.Method} {request.Url} for {(now - started).TotalSeconds:F1} s");
        text.Append(Environment.NewLine).Append("slowest finished:");
        foreach (var (request, seconds) in _finished.OrderByDescending(f => f.Seconds).Take(8))
            text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  {request} in {seconds:F1} s");
        return text.ToString();
    }

    private void Finish(IRequest request, string outcome)
    {
        if (_pending.TryRemove(request, out var started))
            _finished.Enqueue(($"{request.Method} {request.Url}{outcome}", (DateTime.UtcNow - started).TotalSeconds));
    }
}
