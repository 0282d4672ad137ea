using System.Buffers;
using System.Security.Cryptography;
using Athar.Core.Items;

namespace Athar.Core.Intake;

/// <summary>
/// Reads a source file exactly once: every buffer goes to SHA-256 and to a staging file on the archive's
/// disk, and the first bytes name the type. Source failures (a bad sector, a vanished file) reject that
/// file; archive failures (disk full) abort the run, since no further file could be kept either.
/// </summary>
internal static class StagedCopier
{
    private const int BufferSize = 1 << 20;

    public static IngestOutcome Copy(long index, SourceEntry entry, string stagingFolder, StagingWriteGate gate, CancellationToken cancel)
    {
        var stagingFile = Path.Combine(stagingFolder, $"{Guid.NewGuid():N}.part");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> head = stackalloc byte[MediaTypeSniffer.HeaderLength];
            var headLength = 0;
            long size = 0;
            Stream source;
            try
            {
                source = entry.Open!();
            }
            catch (Exception e) when (IsSourceFailure(e))
            {
                return new RejectedEntry(index, entry, $"cannot open: {e.Message}");
            }
            using (source)
            using (var target = CreateStagingFile(stagingFile))
            {
                while (true)
                {
                    cancel.ThrowIfCancellationRequested();
                    int read;
                    try
                    {
                        read = source.Read(buffer, 0, BufferSize);
                    }
                    catch (Exception e) when (IsSourceFailure(e))
                    {
                        TryDelete(stagingFile);
                        return new RejectedEntry(index, entry, $"read failed after {size} bytes: {e.Message}");
                    }
                    if (read == 0) break;
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(read, head.Length - headLength);
                        buffer.AsSpan(0, take).CopyTo(head[headLength..]);
                        headLength += take;
                    }
                    hash.AppendData(buffer, 0, read);
                    WriteToArchive(gate, target, buffer.AsSpan(0, read), stagingFile);
                    size += read;
                }
            }
            var changed = entry.CheckUnchanged?.Invoke();
            if (changed is not null)
            {
                TryDelete(stagingFile);
                return new RejectedEntry(index, entry, changed + "; nothing was recorded, ingest it again once it is stable");
            }
            var digest = Convert.ToHexStringLower(hash.GetHashAndReset());
            return new HashedCopy(index, entry, digest, size, MediaTypeSniffer.Detect(head[..headLength]), stagingFile);
        }
        catch
        {
            TryDelete(stagingFile);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static FileStream CreateStagingFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IngestAbortedException($"cannot write to the archive's staging folder: {e.Message}", e);
        }
    }

    private static void WriteToArchive(StagingWriteGate gate, FileStream target, ReadOnlySpan<byte> data, string stagingFile)
    {
        try
        {
            gate.Write(target, data);
        }
        catch (IOException e)
        {
            TryDelete(stagingFile);
            throw new IngestAbortedException($"cannot write to the archive: {e.Message}", e);
        }
    }

    private static bool IsSourceFailure(Exception e) => e is IOException or UnauthorizedAccessException or InvalidDataException;

    internal static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
