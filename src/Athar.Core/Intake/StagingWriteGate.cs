namespace Athar.Core.Intake;

/// <summary>
/// Lets the committer hold staged-copy writes back while it records a batch. Before it moves a batch's objects
/// into place, the committer checks that the archive's disk has room for the batch's custody entries and catalog
/// rows. Workers that keep writing staged copies between that check and the record can use up the room it counted
/// on; the disk then fills under the record, and complete objects stay in objects/ that nothing records. Writers
/// pass through together and never wait for each other; a hold waits for the writes in progress (one buffer each)
/// and keeps new ones out until it is released.
/// </summary>
public sealed class StagingWriteGate
{
    // An object, not a System.Threading.Lock: the waits below need Monitor.Wait and PulseAll.
    private readonly object _lock = new();
    private int _writing;
    private bool _held;

    /// <summary>Keeps new staging writes out and waits for those in progress; dispose to let them go on.</summary>
    public Hold HoldWrites()
    {
        lock (_lock)
        {
            // One committer at a time holds the gate; a second hold would wait for the first to be released.
            while (_held) Monitor.Wait(_lock);
            _held = true;
            while (_writing > 0) Monitor.Wait(_lock);
        }
        return new Hold(this);
    }

    /// <summary>Runs one write to the staging folder, waiting first while the committer holds the gate.</summary>
    internal void Write(FileStream target, ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            while (_held) Monitor.Wait(_lock);
            _writing++;
        }
        try
        {
            target.Write(data);
        }
        finally
        {
            lock (_lock)
            {
                if (--_writing == 0) Monitor.PulseAll(_lock);
            }
        }
    }

    private void Release()
    {
        lock (_lock)
        {
            _held = false;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>A hold on staging writes, released on dispose.</summary>
    public readonly struct Hold(StagingWriteGate gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
