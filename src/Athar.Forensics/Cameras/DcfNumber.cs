using System.Globalization;
using System.Text.RegularExpressions;

namespace Athar.Forensics.Cameras;

/// <summary>
/// A camera's file number as DCF (Design rule for Camera File system 2.0, section 3.2) writes it: a folder
/// 100..999 with a five-character maker suffix (100NIKON, 101_FUJI) and a file 0001..9999 with a
/// four-character prefix (DSCN6447.JPG). After 9999 the camera starts again at 0001 in the next folder, so
/// <see cref="Key"/> (folder × 10,000 + file) keeps counting across the wrap. A folder wrapping from 999
/// back to 100 is not handled (it needs about nine million photos).
/// </summary>
public readonly partial record struct DcfNumber(int Folder, int File, string Directory, string Name)
{
    public long Key => Folder * 10_000L + File;

    /// <summary>"100NIKON/DSCN6447.JPG": the part of the path the camera wrote.</summary>
    public string Label => $"{Directory[(Directory.LastIndexOf('/') + 1)..]}/{Name}";

    /// <summary>True when the folder name is one a camera creates (three digits 100-999, five name characters).</summary>
    public static bool IsDcfFolder(string folderName) => FolderPattern().IsMatch(folderName);

    /// <summary>
    /// The DCF number of a copy's path, when both its folder and its file name follow DCF; null otherwise
    /// (renamed copies such as "Copy of DSCN6450.JPG" lose the folder's number and are not used).
    /// </summary>
    public static DcfNumber? Parse(string path)
    {
        var slash = path.LastIndexOf('/');
        if (slash <= 0) return null;
        var name = path[(slash + 1)..];
        var directory = path[..slash];
        var folderName = directory[(directory.LastIndexOf('/') + 1)..];
        var folder = FolderPattern().Match(folderName);
        var file = FilePattern().Match(name);
        if (!folder.Success || !file.Success) return null;
        var number = int.Parse(file.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        if (number == 0) return null; // DCF numbers start at 0001
        return new DcfNumber(int.Parse(folder.Groups[1].ValueSpan, CultureInfo.InvariantCulture), number, directory, name);
    }

    /// <summary>The first of the paths (intake order) that carries a DCF number.</summary>
    public static DcfNumber? First(IEnumerable<string> paths)
    {
        foreach (var path in paths)
            if (Parse(path) is { } number) return number;
        return null;
    }

    [GeneratedRegex(@"^([1-9][0-9]{2})[0-9A-Za-z_]{5}$", RegexOptions.CultureInvariant)]
    private static partial Regex FolderPattern();

    [GeneratedRegex(@"^[0-9A-Za-z_]{4}([0-9]{4})\.(?:jpe?g|tiff?|nef|cr2|raw|arw|orf|rw2|raf|dng)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FilePattern();
}
