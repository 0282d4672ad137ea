using System.Globalization;

namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// Version directory names (OCFL 1.1 section 3.3): "v" then a positive base-ten integer, either unpadded
/// (v1, v2, ...) or zero-padded to one fixed width that starts with a zero (v001, v002, ...).
/// </summary>
internal static class VersionNaming
{
    /// <summary>True for "v" followed by one or more ASCII digits: the shape a version directory has.</summary>
    public static bool LooksLikeVersion(string name)
    {
        if (name.Length < 2 || name[0] != 'v' || name.Length > 20) return false;
        for (var i = 1; i < name.Length; i++)
        {
            if (!char.IsAsciiDigit(name[i])) return false;
        }
        return true;
    }

    /// <summary>The version number of a name that <see cref="LooksLikeVersion"/>, or -1 when it is not one.</summary>
    public static long NumberOf(string name)
    {
        if (!LooksLikeVersion(name)) return -1;
        return long.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
    }

    public static bool IsZeroPadded(string name) => name.Length > 2 && name[1] == '0';

    /// <summary>
    /// Checks the version names of an inventory's versions block (sections 3.3 and 3.5.3) and returns them
    /// ordered by number, leaving out names that are not versions. Reports E104 (not v+digits), E105
    /// (zero), E011 (padded names not starting "v0"), E012 (mixed widths), E009 (not starting at 1),
    /// E010 (a gap) and W001 (zero padding).
    /// </summary>
    public static List<(string Name, long Number)> CheckSequence(IEnumerable<string> names, ValidationLog log, string file)
    {
        var versions = new List<(string Name, long Number)>();
        foreach (var name in names)
        {
            var number = NumberOf(name);
            if (number < 0)
            {
                log.Error("E104", file, $"versions block has key \"{name}\", which is not a version name (v followed by a number).");
                continue;
            }
            if (number == 0)
            {
                log.Error("E105", file, $"versions block has key \"{name}\"; version numbers start at 1.");
                continue;
            }
            versions.Add((name, number));
        }
        versions.Sort((a, b) => a.Number.CompareTo(b.Number));
        if (versions.Count == 0) return versions;

        var (padded, paddedNumber) = versions.Find(v => IsZeroPadded(v.Name));
        if (padded is not null)
        {
            // Section 3.3: with zero padding every name has the same width and starts "v0", so v10 cannot
            // follow v09 in a two-digit scheme; the object would need v010 from the start. A later version
            // that breaks the scheme also breaks the convention its predecessors set (E013).
            foreach (var (name, number) in versions)
            {
                if (name.Length == padded.Length && !IsZeroPadded(name))
                {
                    log.Error("E011", file, $"version \"{name}\" breaks the zero-padded naming of \"{padded}\": padded names must start with \"v0\".");
                    if (number > paddedNumber)
                    {
                        log.Error("E013", file, $"version \"{name}\" does not follow the naming convention that \"{padded}\" established for this object.");
                    }
                }
                else if (name.Length != padded.Length)
                {
                    log.Error("E012", file, $"version \"{name}\" does not use the same zero-padded width as \"{padded}\".");
                }
            }
            log.Warning("W001", file, $"versions are zero-padded (\"{padded}\"); unpadded names (v1, v2, ...) are recommended.");
        }

        if (versions[0].Number != 1)
        {
            log.Error("E009", file, $"versions start at \"{versions[0].Name}\"; the sequence must start at version 1.");
        }
        for (var i = 1; i < versions.Count; i++)
        {
            if (versions[i].Number == versions[i - 1].Number)
            {
                log.Error("E010", file, $"versions \"{versions[i - 1].Name}\" and \"{versions[i].Name}\" have the same number.");
            }
            else if (versions[i].Number != versions[i - 1].Number + 1)
            {
                log.Error("E010", file, $"versions jump from \"{versions[i - 1].Name}\" to \"{versions[i].Name}\"; the sequence must have no gaps.");
            }
        }
        return versions;
    }
}
