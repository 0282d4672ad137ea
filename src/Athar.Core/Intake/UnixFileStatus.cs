using System.Runtime.InteropServices;

namespace Athar.Core.Intake;

/// <summary>
/// What lstat would say about a path, through statx(2): its type, size and all four times to the
/// nanosecond. .NET exposes neither the change time (ctime) nor the type of a special file without
/// opening it, and opening a FIFO found on a seized drive would hang the ingest.
/// </summary>
public readonly record struct UnixFileStatus(UnixFileKind Kind, long Size, FileTimestamp Modified, FileTimestamp Changed,
    FileTimestamp Accessed, FileTimestamp? Born)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStatsAndBirthTime = 0xFFF;
    private const uint StatxBirthTime = 0x800;

    /// <summary>Status of the path itself (a symlink is described, not followed).</summary>
    public static UnixFileStatus Of(string path) => Of(System.Text.Encoding.UTF8.GetBytes(path));

    /// <summary>Status of the path given as raw bytes (see <see cref="RawFileName"/>); a symlink is described, not followed.</summary>
    public static UnixFileStatus Of(ReadOnlySpan<byte> path)
    {
        var terminated = UnixFiles.Terminated(path);
        Span<byte> buffer = stackalloc byte[256];
        buffer.Clear();
        int result;
        unsafe
        {
            fixed (byte* p = buffer)
            fixed (byte* name = terminated)
                result = statx(AtFdCwd, name, AtSymlinkNoFollow, StatxBasicStatsAndBirthTime, p);
        }
        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot read file status: {Errno.Describe(errno)}", errno);
        }
        // struct statx layout (linux/stat.h), identical on every architecture.
        var mask = MemoryMarshal.Read<uint>(buffer);
        var mode = MemoryMarshal.Read<ushort>(buffer[28..]);
        var size = MemoryMarshal.Read<long>(buffer[40..]);
        return new UnixFileStatus(
            KindFromMode(mode),
            size,
            ReadTimestamp(buffer[112..]),
            ReadTimestamp(buffer[96..]),
            ReadTimestamp(buffer[64..]),
            (mask & StatxBirthTime) != 0 ? ReadTimestamp(buffer[80..]) : null);
    }

    private static FileTimestamp ReadTimestamp(ReadOnlySpan<byte> field) =>
        new(MemoryMarshal.Read<long>(field), MemoryMarshal.Read<uint>(field[8..]));

    private static UnixFileKind KindFromMode(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => UnixFileKind.RegularFile,
        0x4000 => UnixFileKind.Directory,
        0xA000 => UnixFileKind.SymbolicLink,
        0x1000 => UnixFileKind.Fifo,
        0xC000 => UnixFileKind.Socket,
        0x2000 => UnixFileKind.CharacterDevice,
        0x6000 => UnixFileKind.BlockDevice,
        _ => UnixFileKind.Other,
    };

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int statx(int dirfd, byte* path, int flags, uint mask, byte* buffer);
}

public enum UnixFileKind
{
    RegularFile,
    Directory,
    SymbolicLink,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    Other,
}
