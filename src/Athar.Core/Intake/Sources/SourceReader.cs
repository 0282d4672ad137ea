using Athar.Core.Items;

namespace Athar.Core.Intake.Sources;

/// <summary>Turns one PATH argument into entries: a folder is walked, a ZIP is read, any other file is itself.</summary>
public static class SourceReader
{
    public static IEnumerable<SourceEntry> Read(string path, ZipSafetyLimits? limits = null)
    {
        var full = Path.GetFullPath(path);
        UnixFileStatus status;
        try
        {
            status = UnixFileStatus.Of(full);
        }
        catch (IOException e)
        {
            return [SourceEntry.Reject(path, e.Message, full)];
        }
        if (status.Kind == UnixFileKind.Directory) return DirectorySource.Walk(full);
        if (status.Kind == UnixFileKind.RegularFile && IsZip(full)) return ZipSource.Read(full, limits);
        var entry = DirectorySource.Describe(full, Path.GetFileName(full), Path.GetDirectoryName(full) ?? full, out _);
        return entry is null ? [] : [entry];
    }

    private static bool IsZip(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[MediaTypeSniffer.HeaderLength];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return MediaTypeSniffer.Detect(head[..read]) == "application/zip";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
