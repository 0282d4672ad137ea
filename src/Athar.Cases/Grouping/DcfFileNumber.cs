using System.Globalization;
using System.Text.RegularExpressions;

namespace Athar.Cases.Grouping;

/// <summary>
/// Camera file numbering per DCF 2.0 (section 3.2): folders "100NIKON".."999xxxxx" and files "DSCN0001.JPG"..
/// "DSCN9999.JPG" (four free characters, four digits). The counter wraps from 9999 to 0001 in the next folder,
/// so folder × 10000 + counter keeps counting across a wrap.
/// </summary>
public static partial class DcfFileNumber
{
    [GeneratedRegex(@"^(?<folder>[1-9]\d\d)[0-9A-Za-z_]{5}$")]
    private static partial Regex FolderPattern();

    [GeneratedRegex(@"^[0-9A-Za-z_]{4}(?<counter>\d{4})\.(?:jpe?g|JPE?G)$")]
    private static partial Regex FilePattern();

    /// <summary>The DCF position of a path ("a/b/100NIKON/DSCN0042.JPG" gives 1000042), or null if it is not a DCF name.</summary>
    public static long? Parse(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        if (parts.Length < 2) return null;
        var folder = FolderPattern().Match(parts[^2]);
        var file = FilePattern().Match(parts[^1]);
        if (!folder.Success || !file.Success) return null;
        var counter = int.Parse(file.Groups["counter"].ValueSpan, CultureInfo.InvariantCulture);
        if (counter == 0) return null;
        return int.Parse(folder.Groups["folder"].ValueSpan, CultureInfo.InvariantCulture) * 10000L + counter;
    }

    /// <summary>The first copy path that is a DCF name, with its folder: renamed copies ("Copy of ...") are skipped.</summary>
    public static (long Number, string Folder)? FromPaths(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Parse(path) is not { } number) continue;
            var normal = path.Replace('\\', '/');
            return (number, normal[..normal.LastIndexOf('/')]);
        }
        return null;
    }
}
