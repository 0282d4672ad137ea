using System.Globalization;

namespace Athar.Cases.Model;

/// <summary>
/// Case ids are sequential, "C-00001", "C-00002", ... in the order the cases were created. They are short
/// enough to type and say aloud, and never reused: a case merged away keeps its id in the ledger and catalog.
/// The number is chosen by the command that records the creation and written into the event, so replaying
/// the ledger gives the same ids; one grouping run numbers its new cases by their first photo's time.
/// </summary>
public static class CaseId
{
    public const string Prefix = "C-";

    public static string Format(long number) => Prefix + number.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>"C-00042", "c-42", "C42" and "42" all name case 42; null for anything else.</summary>
    public static string? Normalize(string typed)
    {
        var text = typed.Trim();
        if (text.StartsWith('C') || text.StartsWith('c')) text = text[1..];
        if (text.StartsWith('-')) text = text[1..];
        if (text.Length is 0 or > 12 || !text.All(char.IsAsciiDigit)) return null;
        var number = long.Parse(text, CultureInfo.InvariantCulture);
        return number == 0 ? null : Format(number);
    }

    /// <summary>The number in an id this class formatted, or 0.</summary>
    public static long NumberOf(string id) =>
        id.StartsWith(Prefix, StringComparison.Ordinal) && long.TryParse(id.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
