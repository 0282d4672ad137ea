using System.IO.Compression;

namespace Athar.Core.Intake.Sources;

/// <summary>
/// Reads a ZIP entry by entry without extracting anything to disk unchecked. The ZIP file itself is
/// preserved first, as received; then each entry becomes a copy at <c>name.zip!/inner/path</c>. Entry
/// names that are absolute or climb with "..", encrypted entries and decompression bombs are refused,
/// each with its reason. A name in a legacy code page keeps its bytes (<see cref="ZipEntryNames"/>).
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
        IReadOnlyList<ZipRawName>? rawNames = null;
        string? openFailure = null;
        FileStream? stream = null;
        try
        {
            stream = new FileStream(origin, FileMode.Open, FileAccess.Read, FileShare.Read);
            // The names' bytes first (the tail and the central directory), then the same stream goes to ZipArchive.
            rawNames = ZipEntryNames.Read(stream);
            stream.Position = 0;
            archive = new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            openFailure = e.Message;
            stream?.Dispose();
        }
        if (archive is null)
        {
            yield return SourceEntry.Reject(containerName + "!/", $"not a readable ZIP: {openFailure}; the file itself was kept", origin);
            yield break;
        }

        var zipSize = container.Size;
        var totalBudget = Math.Min(limits.MaximumTotalBytes, (long)Math.Max(limits.MaximumTotalRatio * Math.Max(zipSize, 1), limits.RatioCheckThreshold));
        long declaredTotal = 0;
        var entries = Named(archive, rawNames);
        Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (zipEntry, name, nameBytes) in entries)
        {
            var path = containerName + "!/" + name;
            byte[]? pathBytes = nameBytes is null ? null : [.. System.Text.Encoding.UTF8.GetBytes(containerName + "!/"), .. nameBytes];
            if (name.EndsWith('/') && zipEntry.Length == 0) continue; // a folder entry
            var unsafeReason = UnsafeNameReason(name);
            if (unsafeReason is not null)
            {
                yield return SourceEntry.Reject(path, unsafeReason, origin, pathBytes);
                continue;
            }
            if (zipEntry.IsEncrypted)
            {
                yield return SourceEntry.Reject(path, "encrypted ZIP entry: it cannot be read without its password", origin, pathBytes);
                continue;
            }
            var ratio = zipEntry.CompressedLength == 0 ? double.PositiveInfinity : (double)zipEntry.Length / zipEntry.CompressedLength;
            if (zipEntry.Length > limits.RatioCheckThreshold && ratio > limits.MaximumEntryRatio)
            {
                yield return SourceEntry.Reject(path, $"ZIP bomb: {zipEntry.CompressedLength} bytes claim to expand to {zipEntry.Length} ({ratio:F0}:1, limit {limits.MaximumEntryRatio:F0}:1)", origin, pathBytes);
                continue;
            }
            declaredTotal += zipEntry.Length;
            if (declaredTotal > totalBudget)
            {
                yield return SourceEntry.Reject(path, $"ZIP bomb: entries expand to more than {totalBudget} bytes in all", origin, pathBytes);
                continue;
            }
            var modified = FileTimestamp.FromDateTimeOffset(zipEntry.LastWriteTime);
            var unixMode = (zipEntry.ExternalAttributes >> 16) & 0xF000;
            var captured = zipEntry;
            if (unixMode == 0xA000)
            {
                yield return new SourceEntry
                {
                    Path = path, PathBytes = pathBytes, Kind = SourceEntryKind.Symlink, Origin = origin, Modified = modified,
                    LinkTarget = ReadSmallText(captured, gate),
                };
                continue;
            }
            yield return new SourceEntry
            {
                Path = path, PathBytes = pathBytes, Kind = SourceEntryKind.File, Origin = origin, Size = zipEntry.Length, Modified = modified,
                Open = () => new GatedZipEntryStream(captured, gate),
            };
        }
    }

    /// <summary>
    /// Each entry with its name: as .NET decoded it when the entry is flagged UTF-8 or its bytes are valid UTF-8;
    /// otherwise (a legacy code page) the display text of its bytes, with the bytes kept (<see cref="RawFileName"/>).
    /// When the central directory could not be read on its own, every entry keeps .NET's name.
    /// </summary>
    private static (ZipArchiveEntry Entry, string Name, byte[]? NameBytes)[] Named(ZipArchive archive, IReadOnlyList<ZipRawName>? rawNames)
    {
        var entries = archive.Entries;
        // A directory that disagrees with .NET's count cannot be paired entry by entry: keep .NET's names then.
        var raw = rawNames?.Count == entries.Count ? rawNames : null;
        var named = new (ZipArchiveEntry, string, byte[]?)[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            named[i] = raw is null || raw[i].Utf8Flag || RawFileName.IsValidUtf8(raw[i].Bytes)
                ? (entries[i], entries[i].FullName, null)
                : (entries[i], RawFileName.Display(raw[i].Bytes), raw[i].Bytes);
        }
        return named;
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
            // A target in a legacy code page keeps its bytes readable as %XX, as a link's target on disk does
            // (DirectorySource), instead of turning into U+FFFD.
            return RawFileName.Display(buffer.AsSpan(0, read));
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
