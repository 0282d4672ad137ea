using System.Runtime.InteropServices;

namespace Athar.Forensics.HashIndex;

/// <summary>
/// Asks Linux to back a large pinned array with 2 MiB pages (madvise MADV_HUGEPAGE; effective when
/// /sys/kernel/mm/transparent_hugepage/enabled is "madvise" or "always"). A query of
/// <see cref="PdqHashIndex"/> touches a few hundred places scattered over hundreds of megabytes, and with
/// 4 KiB pages nearly each of them is a TLB miss as well as a cache miss. Only a hint: elsewhere, or when
/// refused, nothing changes.
/// </summary>
internal static partial class HugePages
{
    private const int MadvHugePage = 14; // <asm-generic/mman-common.h>
    private const long HugePageSize = 2 << 20;

    /// <summary>Advises the whole 2 MiB-aligned part of <paramref name="array"/>, which must be pinned (POH), before it is written.</summary>
    public static unsafe void Advise<T>(T[] array) where T : unmanaged
    {
        if (!OperatingSystem.IsLinux() || array.Length == 0) return;
        fixed (T* p = array)
        {
            var start = ((long)p + HugePageSize - 1) & ~(HugePageSize - 1);
            var end = ((long)p + (long)array.Length * sizeof(T)) & ~(HugePageSize - 1);
            if (end <= start) return;
            try
            {
                _ = madvise((nint)start, (nuint)(end - start), MadvHugePage);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // No libc madvise: keep normal pages.
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(nint address, nuint length, int advice);
}
