using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Storage;
using Microsoft.Extensions.Options;

namespace Athar.Web.Audit;

/// <summary>
/// Writes audit events (views, reveals, downloads, logins) into the custody ledger. The ledger has one writer
/// at a time (its lock file), and ingest or verification may hold it, so the web app never keeps the archive
/// open for writing: it opens it briefly to record, retrying while another athar process holds the lock. If it
/// still cannot record, it throws <see cref="AuditUnavailableException"/> and the request fails with 503: nothing
/// that must be audited happens unaudited.
/// <para>
/// Group commit: requests that arrive while a write is under way queue their events, and the next write records
/// all of them in one append (one fsync, one catalog transaction). Batches that follow one another go through one
/// open of the archive, which is closed as soon as nothing waits. Under concurrent item views this turns a queue
/// of writes into a few batched ones. Each caller returns only once its own events are in the ledger.
/// </para>
/// <para>
/// Case edits (<see cref="WithArchiveAsync{T}"/>) join the same queue: each runs, in order, on the archive the batch
/// opened, after the batch's events are recorded, so they read the cases as they stand and record their own events.
/// </para>
/// </summary>
public sealed class AuditRecorder(IOptions<AtharWebOptions> options, TimeProvider time, ILogger<AuditRecorder> logger)
{
    private sealed record Pending(IReadOnlyList<CustodyEvent> Events, DateTimeOffset Deadline, TaskCompletionSource Done, Action<AtharArchive>? Work = null);

    private readonly Lock _queueLock = new();
    private List<Pending> _queue = [];
    private bool _writing;

    /// <summary>The actor string for a person signed in to the web app.</summary>
    public static string ActorFor(string accountName) => "web:" + accountName;

    public Task RecordAsync(string type, string actor, JsonObject subject, JsonObject? details = null, CancellationToken cancel = default) =>
        RecordAsync([new CustodyEvent(type, actor, subject, details ?? [])], cancel);

    /// <summary>Records <paramref name="events"/>, together with whatever else is waiting; returns when they are in the ledger.</summary>
    public Task RecordAsync(IReadOnlyList<CustodyEvent> events, CancellationToken cancel = default) =>
        Enqueue(new Pending(events, time.GetUtcNow() + options.Value.AuditLockWait, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)), cancel);

    /// <summary>
    /// Runs <paramref name="work"/> on the archive opened for writing, in the queue with audit events (same lock,
    /// retries and 503). A <see cref="Athar.Cases.Editing.CaseEditException"/> of <paramref name="work"/> passes through
    /// unchanged, so callers can refuse an edit; any other failure is an <see cref="AuditUnavailableException"/>.
    /// </summary>
    public async Task<T> WithArchiveAsync<T>(Func<AtharArchive, T> work, CancellationToken cancel = default)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Run(AtharArchive archive)
        {
            try
            {
                result.TrySetResult(work(archive));
            }
            catch (Athar.Cases.Editing.CaseEditException e)
            {
                result.TrySetException(e);
            }
            catch (Exception e)
            {
                logger.LogError(e, "a case edit failed");
                result.TrySetException(new AuditUnavailableException("the custody ledger could not record this change, so it was not made (try again)", e));
            }
        }
        await Enqueue(new Pending([], time.GetUtcNow() + options.Value.AuditLockWait, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Run), cancel).ConfigureAwait(false);
        return await result.Task.WaitAsync(cancel).ConfigureAwait(false);
    }

    private Task Enqueue(Pending pending, CancellationToken cancel)
    {
        bool lead;
        lock (_queueLock)
        {
            _queue.Add(pending);
            lead = !_writing;
            _writing = true;
        }
        if (lead) _ = Task.Run(WriteLoop, CancellationToken.None);
        // A request cancelled while waiting leaves its events queued: an action audited but not done is harmless,
        // the reverse is not.
        return pending.Done.Task.WaitAsync(cancel);
    }

    private async Task WriteLoop()
    {
        // One writable open serves every batch that is waiting when the last one ends: under a stream of item views
        // the next batch is usually there already, and reopening per batch (taking the lock, recovering the ledger,
        // opening the catalog and its first write) cost more than the append itself. The archive is closed, and
        // the lock given back to other athar processes, as soon as nothing is waiting.
        AtharArchive? archive = null;
        while (true)
        {
            List<Pending> batch;
            lock (_queueLock)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }
                batch = _queue;
                _queue = [];
            }
            try
            {
                archive = await WriteAsync(archive, [.. batch.SelectMany(p => p.Events)], [.. batch.Select(p => p.Work).OfType<Action<AtharArchive>>()], batch.Min(p => p.Deadline)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                archive = null; // WriteAsync closed it
                foreach (var p in batch) p.Done.TrySetException(e);
                continue;
            }
            // Close before the callers go on when nothing else waits, so that once RecordAsync returns on an idle
            // server this process no longer holds the lock (another athar command may open the archive at once).
            bool more;
            lock (_queueLock) more = _queue.Count > 0;
            if (!more)
            {
                try
                {
                    archive.Dispose();
                }
                catch (Exception e)
                {
                    // The batch is durable (the append fsynced); a failed close must not stop this loop for good.
                    logger.LogError(e, "closing the archive after recording failed");
                }
                archive = null;
            }
            foreach (var p in batch) p.Done.TrySetResult();
        }
    }

    /// <summary>Records on <paramref name="archive"/> (opened here when null) and returns it still open; a failure closes it.</summary>
    private async Task<AtharArchive> WriteAsync(AtharArchive? archive, IReadOnlyList<CustodyEvent> events, IReadOnlyList<Action<AtharArchive>> works, DateTimeOffset deadline)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                archive ??= AtharArchive.Open(options.Value.Archive, writable: true, time);
                if (events.Count > 0) archive.Record(events);
                // Each work catches its own failures (they are its caller's), so none of them can make this loop record the events twice.
                foreach (var work in works) work(archive);
                return archive;
            }
            catch (IOException e) when (time.GetUtcNow() + delay < deadline)
            {
                // After a failed write the open archive's state is not to be trusted: open it afresh (which recovers).
                archive?.Dispose();
                archive = null;
                logger.LogDebug(e, "ledger busy, retrying");
                await Task.Delay(delay).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
            }
            catch (Exception e)
            {
                archive?.Dispose();
                logger.LogError(e, "could not record {Count} audit event(s)", events.Count);
                throw new AuditUnavailableException("the custody ledger could not record this action, so it was not performed (another athar process may be writing; try again)", e);
            }
        }
    }
}
