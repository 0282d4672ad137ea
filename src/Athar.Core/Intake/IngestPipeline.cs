using System.Collections.Concurrent;
using System.Threading.Channels;
using Athar.Core.Intake.Sources;

namespace Athar.Core.Intake;

/// <summary>
/// Ingest: walk the sources, read and hash files in parallel (I/O of one file overlaps the hashing of
/// another), then commit the results strictly in source order, in batches. Ordered commits make the
/// archive a function of its input: an interrupted run followed by a re-run ends exactly where an
/// uninterrupted run does.
/// </summary>
public sealed class IngestPipeline(IIngestCommitter committer, IngestOptions? options = null)
{
    private readonly IngestOptions _options = options ?? new IngestOptions();

    public Task<IngestSummary> RunAsync(IReadOnlyList<string> paths, SourceDescription source,
        IProgress<IngestProgress>? progress = null, CancellationToken cancel = default) =>
        RunAsync(paths.SelectMany(path => SourceReader.Read(path, _options.ZipLimits)), source, progress, cancel);

    /// <summary>
    /// Ingests entries that a source has already described, in their order. <see cref="SourceReader"/>
    /// makes them from paths; a caller (a test, a future device reader) may supply its own.
    /// </summary>
    public async Task<IngestSummary> RunAsync(IEnumerable<SourceEntry> entries, SourceDescription source,
        IProgress<IngestProgress>? progress = null, CancellationToken cancel = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var token = linked.Token;
        var work = Channel.CreateBounded<(long Index, SourceEntry Entry)>(new BoundedChannelOptions(_options.MaxInFlight) { SingleWriter = true });
        var results = new ConcurrentDictionary<long, IngestOutcome>();
        using var resultSignal = new SemaphoreSlim(0);
        using var inFlight = new SemaphoreSlim(_options.MaxInFlight);
        long produced = -1; // set to the entry count once the walk is over
        long filesDone = 0, bytesDone = 0;

        void Publish(IngestOutcome outcome)
        {
            results[outcome.Index] = outcome;
            resultSignal.Release();
        }

        var producer = Task.Run(async () =>
        {
            long index = 0;
            try
            {
                foreach (var entry in entries)
                {
                    await inFlight.WaitAsync(token).ConfigureAwait(false);
                    var i = index++;
                    switch (entry.Kind)
                    {
                        case SourceEntryKind.File:
                            await work.Writer.WriteAsync((i, entry), token).ConfigureAwait(false);
                            break;
                        case SourceEntryKind.Symlink:
                            Publish(new RecordedSymlink(i, entry));
                            break;
                        default:
                            Publish(new RejectedEntry(i, entry, entry.RejectionReason ?? "rejected"));
                            break;
                    }
                }
            }
            finally
            {
                work.Writer.TryComplete();
                Interlocked.Exchange(ref produced, index);
                resultSignal.Release();
            }
        }, token);

        var workers = new Task[Math.Max(1, _options.Workers)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                try
                {
                    await RunWorker().ConfigureAwait(false);
                }
                catch
                {
                    // Wake the commit loop, which may be waiting for this worker's result: it finds the fault and stops.
                    resultSignal.Release();
                    throw;
                }
            }, token);
        }

        async Task RunWorker()
        {
            await foreach (var (index, entry) in work.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                var outcome = StagedCopier.Copy(index, entry, committer.StagingFolder, committer.StagingWrites, token);
                if (outcome is HashedCopy copy)
                {
                    Interlocked.Add(ref bytesDone, copy.Size);
                    if (_options.SkipStagingForKnownItems && committer.ContainsItem(copy.DigestHex))
                        StagedCopier.TryDelete(copy.StagingFile);
                }
                Interlocked.Increment(ref filesDone);
                progress?.Report(new IngestProgress(Interlocked.Read(ref filesDone), Interlocked.Read(ref bytesDone), null, null));
                Publish(outcome);
            }
        }

        var total = new CommitResult();
        var rejected = new List<IngestRejection>();
        var symlinks = 0;
        long filesSeen = 0;
        var batch = new List<IngestOutcome>();
        long batchBytes = 0;
        try
        {
            long next = 0;
            while (true)
            {
                if (results.TryRemove(next, out var outcome))
                {
                    next++;
                    inFlight.Release();
                    filesSeen++;
                    switch (outcome)
                    {
                        case RejectedEntry r: rejected.Add(new IngestRejection(r.Entry.Path, r.Reason)); break;
                        case RecordedSymlink: symlinks++; break;
                        case HashedCopy c: batchBytes += c.Size; break;
                    }
                    batch.Add(outcome);
                    if (batch.Count >= _options.BatchSize || batchBytes >= _options.BatchBytes)
                        Flush();
                    continue;
                }
                var end = Interlocked.Read(ref produced);
                if (end >= 0 && next >= end) break;
                FailFast(producer, workers);
                // Nothing ready: commit what we have rather than sit on it, then wait for the next result.
                if (batch.Count > 0 && !await resultSignal.WaitAsync(_options.BatchLinger, token).ConfigureAwait(false)) Flush();
                // Bounded wait: a worker that faults signals before its task is marked faulted, so the loop
                // must come back to FailFast rather than sleep on a signal it already consumed.
                else if (batch.Count == 0) await resultSignal.WaitAsync(FaultPollInterval, token).ConfigureAwait(false);
            }
            Flush();
            await producer.ConfigureAwait(false);
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            linked.Cancel();
            await Task.WhenAll([producer, .. workers]).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            foreach (var leftover in results.Values)
                if (leftover is HashedCopy c) StagedCopier.TryDelete(c.StagingFile);
            foreach (var pending in batch)
                if (pending is HashedCopy c) StagedCopier.TryDelete(c.StagingFile);
            var abort = UnwrapAbort(producer, workers);
            // A worker's abort explains a cancellation or a fault it caused; the committer's own abort is the
            // first-hand account of what the archive holds, and a worker that failed beside it must not replace it.
            if (abort is not null && failure is not IngestAbortedException) throw abort;
            throw;
        }
        return new IngestSummary(filesSeen, total.NewItems, total.DuplicateCopies, total.BytesStored, total.AlreadyRecorded, symlinks, rejected);

        void Flush()
        {
            if (batch.Count == 0) return;
            total += committer.Commit(source, batch);
            batch.Clear();
            batchBytes = 0;
        }
    }

    private static readonly TimeSpan FaultPollInterval = TimeSpan.FromMilliseconds(200);

    // A worker or the walk failed (an archive write error): stop committing and surface its error.
    private static void FailFast(Task producer, Task[] workers)
    {
        if (producer.IsFaulted) throw producer.Exception!.InnerException!;
        foreach (var worker in workers)
            if (worker.IsFaulted) throw worker.Exception!.InnerException!;
    }

    private static Exception? UnwrapAbort(Task producer, Task[] workers)
    {
        foreach (var task in (Task[])[producer, .. workers])
            if (task.IsFaulted && task.Exception!.InnerException is IngestAbortedException abort) return abort;
        return null;
    }
}

public sealed record IngestOptions
{
    /// <summary>Files read in parallel. Two overlap one file's I/O with another's hashing on 2 cores.</summary>
    public int Workers { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Entries listed but not yet committed; bounds memory on drives with millions of files.</summary>
    public int MaxInFlight { get; init; } = 512;

    public int BatchSize { get; init; } = 256;
    public long BatchBytes { get; init; } = 256L << 20;
    public TimeSpan BatchLinger { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Delete the staged bytes at once when the digest is already stored (re-reads are never needed).</summary>
    public bool SkipStagingForKnownItems { get; init; } = true;

    public ZipSafetyLimits ZipLimits { get; init; } = ZipSafetyLimits.Default;
}
