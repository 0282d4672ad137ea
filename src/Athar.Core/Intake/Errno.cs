namespace Athar.Core.Intake;

/// <summary>Plain words for the errno values a failing drive or a locked-down file produces.</summary>
internal static class Errno
{
    public static string Describe(int errno) => errno switch
    {
        1 => "operation not permitted (EPERM)",
        2 => "no such file (ENOENT)",
        5 => "input/output error (EIO): the device may be failing",
        13 => "permission denied (EACCES)",
        20 => "not a folder (ENOTDIR)",
        28 => "no space left on device (ENOSPC)",
        36 => "file name too long (ENAMETOOLONG)",
        40 => "too many levels of symbolic links (ELOOP)",
        61 => "no data available (ENODATA)",
        117 => "file system structure needs cleaning (EUCLEAN)",
        _ => $"errno {errno}",
    };
}
