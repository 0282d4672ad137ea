using System.Buffers;

namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// Computes several digests of one file in a single streaming pass, so that a content file is read once
/// however many inventories and fixity blocks name it. Never loads the whole file.
/// </summary>
internal static class FileDigester
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>
    /// Returns algorithm name to digest for every algorithm in <paramref name="algorithms"/> that can be
    /// computed, or null with <paramref name="failure"/> set when the file cannot be read.
    /// </summary>
    public static Dictionary<string, string>? Compute(string fullPath, IReadOnlyCollection<string> algorithms, out string? failure)
    {
        failure = null;
        var digests = new List<(string Name, IStreamingDigest Digest)>();
        foreach (var name in algorithms)
        {
            if (OcflDigestAlgorithms.CanCompute(name)) digests.Add((name, OcflDigestAlgorithms.Create(name)));
        }
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var info = new FileInfo(fullPath);
            if (info.LinkTarget is not null)
            {
                failure = "it is a symbolic link, which this validator does not follow";
                return null;
            }
            if (SafeDirectory.IsEmptyOrSpecial(info)) return Finish(digests);
            // FileOptions.SequentialScan: the file is read front to back once.
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer, 0, ChunkBytes)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                foreach (var (_, digest) in digests) digest.Append(chunk);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = e.Message;
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return Finish(digests);
    }

    private static Dictionary<string, string> Finish(List<(string Name, IStreamingDigest Digest)> digests)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, digest) in digests) result[name] = digest.FinishHex();
        return result;
    }
}
