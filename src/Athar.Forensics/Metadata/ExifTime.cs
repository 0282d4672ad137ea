using System.Globalization;
using System.Text.Json.Nodes;

namespace Athar.Forensics.Metadata;

/// <summary>
/// One EXIF time as written (Exif 2.32 section 4.6.5: "YYYY:MM:DD HH:MM:SS", local camera clock, no zone),
/// with its SubSecTime* digits and OffsetTime* ("+03:00", Exif 2.31+) when present, and the parsed value.
/// <see cref="IsMalformed"/> is true when text is present but does not parse (all-blank and all-zero
/// placeholders, which the standard allows for "unknown", are absent, not malformed).
/// </summary>
public sealed record ExifTime(string Raw, string? SubSecond, string? Offset, DateTime? Local, TimeSpan? OffsetValue, bool IsMalformed)
{
    private static readonly string[] Formats =
    [
        "yyyy:MM:dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy:MM:dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy:MM:ddTHH:mm:ss",
    ];

    /// <summary>Null when the tag is absent or blank.</summary>
    public static ExifTime? Parse(string? raw, string? subSecond, string? offset)
    {
        if (raw is null) return null;
        var text = raw.Trim('\0', ' ');
        if (text.Length == 0 || text.All(c => c is '0' or ':' or ' ' or '-')) return null;
        DateTime? local = null;
        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            local = parsed;
            var digits = subSecond?.Trim('\0', ' ');
            if (!string.IsNullOrEmpty(digits) && digits.All(char.IsAsciiDigit) && digits.Length <= 7)
                local = parsed.AddTicks(long.Parse(digits.PadRight(7, '0'), CultureInfo.InvariantCulture));
        }
        TimeSpan? zone = null;
        var offsetText = offset?.Trim('\0', ' ');
        if (!string.IsNullOrEmpty(offsetText) && offsetText.Length == 6 && offsetText[0] is '+' or '-'
            && TimeSpan.TryParseExact(offsetText[1..], "hh\\:mm", CultureInfo.InvariantCulture, out var span))
            zone = offsetText[0] == '-' ? -span : span;
        return new ExifTime(raw, subSecond, offset, local, zone, local is null);
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["raw"] = Raw };
        if (SubSecond is not null) json["subSecond"] = SubSecond;
        if (Offset is not null) json["offset"] = Offset;
        if (Local is { } local) json["value"] = local.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        if (IsMalformed) json["malformed"] = true;
        return json;
    }
}
