using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Storage;
using Microsoft.Extensions.Options;

namespace Athar.Web.Audit;

/// <summary>
/// Writes audit events (views, reveals, downloads, logins) into the custody ledger. The ledger has one writer
/// at a time (its lock file), and ingest or verification may hold it, so the web app never keeps the archive
/// open for writing: it opens it briefly per event, retrying while another athar process holds the lock. If it
/// still cannot record, it throws <see cref="AuditUnavailableException"/> and the request fails with 503: nothing
/// that must be audited happens unaudited.
/// </summary>
public sealed class AuditRecorder(IOptions<AtharWebOptions> options, TimeProvider time, ILogger<AuditRecorder> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The actor string for a person signed in to the web app.</summary>
    public static string ActorFor(string accountName) => "web:" + accountName;

    public Task RecordAsync(string type, string actor, JsonObject subject, JsonObject? details = null, CancellationToken cancel = default) =>
        RecordAsync([new CustodyEvent(type, actor, subject, details ?? [])], cancel);

    public Task RecordAsync(IReadOnlyList<CustodyEvent> events, CancellationToken cancel = default) =>
        WithArchiveAsync(archive => { archive.Record(events); return events.Count; }, cancel);

    /// <summary>
    /// Runs <paramref name="work"/> on the archive opened for writing, under the same lock, retries and 503 as an
    /// audit event (case edits record their own events through it). An exception of <paramref name="work"/> other
    /// than an <see cref="IOException"/> of the ledger's lock passes through unchanged, so callers can refuse edits.
    /// </summary>
    public async Task<T> WithArchiveAsync<T>(Func<AtharArchive, T> work, CancellationToken cancel = default)
    {
        var deadline = time.GetUtcNow() + options.Value.AuditLockWait;
        // One writer per process at a time; other processes are kept out by the ledger's own lock.
        if (!await _gate.WaitAsync(options.Value.AuditLockWait, cancel).ConfigureAwait(false))
            throw new AuditUnavailableException("the custody ledger is busy; the action was not performed");
        try
        {
            var delay = TimeSpan.FromMilliseconds(50);
            while (true)
            {
                try
                {
                    using var archive = AtharArchive.Open(options.Value.Archive, writable: true, time);
                    return work(archive);
                }
                catch (IOException e) when (time.GetUtcNow() + delay < deadline)
                {
                    logger.LogDebug(e, "ledger busy, retrying");
                    await Task.Delay(delay, cancel).ConfigureAwait(false);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
                }
                catch (Exception e) when (e is not OperationCanceledException and not Athar.Cases.Editing.CaseEditException)
                {
                    logger.LogError(e, "could not record to the custody ledger");
                    throw new AuditUnavailableException("the custody ledger could not record this action, so it was not performed (another athar process may be writing; try again)", e);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
