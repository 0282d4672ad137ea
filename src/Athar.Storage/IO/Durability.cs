using System.Runtime.InteropServices;

namespace Athar.Storage.IO;

/// <summary>
/// fsync for files and folders, and syncfs for a whole file system. .NET flushes files
/// (<see cref="FileStream.Flush(bool)"/>) but cannot open a folder, and a rename is only durable once
/// the folder that holds it has been synced. Ingest commits a batch of objects with one syncfs instead of
/// one fsync per file, which is what makes 100,000 small files affordable.
/// </summary>
public static partial class Durability
{
    private const int OpenReadOnly = 0;
    private const int OpenDirectory = 0x10000; // O_DIRECTORY on Linux x86-64 and arm64

    /// <summary>Flushes a folder's entries (new names, renames, deletions) to stable storage.</summary>
    public static void SyncDirectory(string path) => WithDirectoryDescriptor(path, static fd => fsync(fd), "fsync");

    /// <summary>Flushes every dirty page of the file system that holds <paramref name="path"/>.</summary>
    public static void SyncFileSystem(string path) => WithDirectoryDescriptor(path, static fd => syncfs(fd), "syncfs");

    private static void WithDirectoryDescriptor(string path, Func<int, int> call, string name)
    {
        if (!OperatingSystem.IsLinux()) return; // Athar targets Linux; elsewhere the OS's own flush applies.
        var fd = open(path, OpenReadOnly | OpenDirectory);
        if (fd < 0) throw new IOException($"{path}: cannot open folder to {name} (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (call(fd) != 0)
                throw new IOException($"{path}: {name} failed (errno {Marshal.GetLastPInvokeError()}); data may not be on disk");
        }
        finally
        {
            _ = close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int syncfs(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
