using System.IO.Compression;

namespace Athar.Core.Intake.Sources;

/// <summary>
/// Reads a ZIP entry by entry without extracting anything to disk unchecked. The ZIP file itself is
/// preserved first, as received; then each entry becomes a copy at <c>name.zip!/inner/path</c>. Entry
/// names that are absolute or climb with "..", encrypted entries and decompression bombs are refused,
/// each with its reason.
/// </summary>
public static class ZipSource
{
    public static IEnumerable<SourceEntry> Read(string zipPath, ZipSafetyLimits? limits = null)
    {
        limits ??= ZipSafetyLimits.Default;
        var origin = Path.GetFullPath(zipPath);
        var containerName = Path.GetFileName(origin);
        var container = DirectorySource.Describe(origin, containerName, origin, out _);
        if (container is not null) yield return container;
        if (container is null || container.Kind != SourceEntryKind.File) yield break;

        var gate = new SemaphoreSlim(1, 1); // ZipArchive is not thread-safe: one entry stream open at a time
        ZipArchive? archive = null;
        string? openFailure = null;
        try
        {
            archive = new ZipArchive(new FileStream(origin, FileMode.Open, FileAccess.Read, FileShare.Read), ZipArchiveMode.Read);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            openFailure = e.Message;
        }
        if (archive is null)
        {
            yield return SourceEntry.Reject(containerName + "!/", $"not a readable ZIP: {openFailure}; the file itself was kept", origin);
            yield break;
        }

        var zipSize = container.Size;
        var totalBudget = Math.Min(limits.MaximumTotalBytes, (long)Math.Max(limits.MaximumTotalRatio * Math.Max(zipSize, 1), limits.RatioCheckThreshold));
        long declaredTotal = 0;
        var entries = archive.Entries.ToArray();
        Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        foreach (var zipEntry in entries)
        {
            var name = zipEntry.FullName;
            var path = containerName + "!/" + name;
            if (name.EndsWith('/') && zipEntry.Length == 0) continue; // a folder entry
            var unsafeReason = UnsafeNameReason(name);
            if (unsafeReason is not null)
            {
                yield return SourceEntry.Reject(path, unsafeReason, origin);
                continue;
            }
            if (zipEntry.IsEncrypted)
            {
                yield return SourceEntry.Reject(path, "encrypted ZIP entry: it cannot be read without its password", origin);
                continue;
            }
            var ratio = zipEntry.CompressedLength == 0 ? double.PositiveInfinity : (double)zipEntry.Length / zipEntry.CompressedLength;
            if (zipEntry.Length > limits.RatioCheckThreshold && ratio > limits.MaximumEntryRatio)
            {
                yield return SourceEntry.Reject(path, $"ZIP bomb: {zipEntry.CompressedLength} bytes claim to expand to {zipEntry.Length} ({ratio:F0}:1, limit {limits.MaximumEntryRatio:F0}:1)", origin);
                continue;
            }
            declaredTotal += zipEntry.Length;
            if (declaredTotal > totalBudget)
            {
                yield return SourceEntry.Reject(path, $"ZIP bomb: entries expand to more than {totalBudget} bytes in all", origin);
                continue;
            }
            var modified = FileTimestamp.FromDateTimeOffset(zipEntry.LastWriteTime);
            var unixMode = (zipEntry.ExternalAttributes >> 16) & 0xF000;
            var captured = zipEntry;
            if (unixMode == 0xA000)
            {
                yield return new SourceEntry
                {
                    Path = path, Kind = SourceEntryKind.Symlink, Origin = origin, Modified = modified,
                    LinkTarget = ReadSmallText(captured, gate),
                };
                continue;
            }
            yield return new SourceEntry
            {
                Path = path, Kind = SourceEntryKind.File, Origin = origin, Size = zipEntry.Length, Modified = modified,
                Open = () => new GatedZipEntryStream(captured, gate),
            };
        }
    }

    /// <summary>Why an entry name would escape the place it is extracted to, or null when it is safe.</summary>
    public static string? UnsafeNameReason(string name)
    {
        if (name.Length == 0) return "empty entry name";
        if (name.Contains('\0')) return "entry name contains a NUL byte";
        if (name.StartsWith('/') || name.StartsWith('\\')) return "absolute entry name (path traversal)";
        if (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':') return "entry name starts with a drive letter (path traversal)";
        foreach (var segment in name.Split('/', '\\'))
            if (segment == "..") return "entry name climbs out with '..' (path traversal)";
        return null;
    }

    private static string ReadSmallText(ZipArchiveEntry entry, SemaphoreSlim gate)
    {
        gate.Wait();
        try
        {
            using var stream = entry.Open();
            var buffer = new byte[Math.Min(entry.Length, 4096)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (InvalidDataException e)
        {
            return $"(unreadable link target: {e.Message})";
        }
        finally
        {
            gate.Release();
        }
    }
}
