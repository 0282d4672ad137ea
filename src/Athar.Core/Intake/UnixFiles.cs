using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Athar.Core.Intake;

/// <summary>
/// Folder listing, opening and link reading by raw byte path (see <see cref="RawFileName"/>), through libc,
/// so that a name in a legacy encoding is read like any other. Paths passed in must not contain NUL.
/// </summary>
public static class UnixFiles
{
    private const int ORdOnly = 0, ONonBlock = 0x800, ONoFollow = 0x20000, OCloExec = 0x80000;

    // glibc's struct dirent on 64-bit Linux (x86-64 and AArch64): d_ino (8), d_off (8), d_reclen (2),
    // d_type (1), then the NUL-terminated name.
    private const int DirentNameOffset = 19;

    /// <summary>The names in a folder (without "." and ".."), as bytes; null and <paramref name="error"/> set when it cannot be listed.</summary>
    public static List<byte[]>? List(ReadOnlySpan<byte> folder, out string? error)
    {
        error = null;
        var path = Terminated(folder);
        var names = new List<byte[]>();
        unsafe
        {
            nint dir;
            fixed (byte* p = path) dir = opendir(p);
            if (dir == 0)
            {
                error = Errno.Describe(Marshal.GetLastPInvokeError());
                return null;
            }
            try
            {
                while (true)
                {
                    Marshal.SetLastPInvokeError(0);
                    var entry = readdir(dir);
                    if (entry == 0)
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        if (errno != 0) error = Errno.Describe(errno);
                        break;
                    }
                    var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)entry + DirentNameOffset);
                    if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8)) continue;
                    names.Add(name.ToArray());
                }
            }
            finally
            {
                _ = closedir(dir);
            }
        }
        return names;
    }

    /// <summary>
    /// Opens a regular file for reading. Never follows a symlink put in its place, and never blocks on a
    /// FIFO put in its place (O_NONBLOCK: reading one then fails instead of hanging the ingest).
    /// </summary>
    public static FileStream OpenRead(ReadOnlySpan<byte> path)
    {
        var terminated = Terminated(path);
        int fd;
        unsafe
        {
            fixed (byte* p = terminated) fd = open(p, ORdOnly | ONonBlock | ONoFollow | OCloExec);
        }
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open: {Errno.Describe(errno)}", errno);
        }
        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
    }

    /// <summary>A symlink's target as bytes.</summary>
    public static byte[] ReadLink(ReadOnlySpan<byte> path)
    {
        var terminated = Terminated(path);
        var buffer = new byte[4096];
        long length;
        unsafe
        {
            fixed (byte* p = terminated)
            fixed (byte* b = buffer)
                length = readlink(p, b, buffer.Length);
        }
        if (length < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot read the link: {Errno.Describe(errno)}", errno);
        }
        return buffer[..(int)length];
    }

    internal static byte[] Terminated(ReadOnlySpan<byte> path)
    {
        if (path.Contains((byte)0)) throw new ArgumentException("a path cannot contain NUL", nameof(path));
        var terminated = new byte[path.Length + 1];
        path.CopyTo(terminated);
        return terminated;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe nint opendir(byte* name);

    [DllImport("libc", SetLastError = true)]
    private static extern nint readdir(nint dir);

    [DllImport("libc", SetLastError = true)]
    private static extern int closedir(nint dir);

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int open(byte* path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe nint readlink(byte* path, byte* buffer, nint size);
}
