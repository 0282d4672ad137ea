using System.Globalization;
using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Core.Custody;

namespace Athar.Cases.Grouping;

/// <summary>
/// Turns the facts the item analyzers recorded (<see cref="ArchiveItemFacts"/>) into <see cref="PhotoFacts"/>:
/// camera identity and capture time from <c>exif.summary</c>, the PDQ hash from <c>pdq.hash</c>, the card
/// reading from <c>card.reading</c>, the DCF file number from the copy paths.
/// </summary>
public static class PhotoFactsReader
{
    public const string ExifSummary = "exif.summary";
    public const string PdqHash = "pdq.hash";

    /// <summary>The finding codes grouping reads.</summary>
    public static readonly IReadOnlyCollection<string> FactCodes = [ExifSummary, PdqHash, CardReading.FindingCode];

    /// <summary>Null for items that are not images: they never belong to a case.</summary>
    public static PhotoFacts? Read(ArchiveItemFacts item)
    {
        if (!item.MediaType.StartsWith("image/", StringComparison.Ordinal)) return null;
        var exif = item.Fact(ExifSummary);
        var dcf = DcfFileNumber.FromPaths(item.Paths);
        var card = item.Fact(CardReading.FindingCode) is { } reading ? CardReading.FromJson(reading) : null;
        return new PhotoFacts(item.ItemId, exif is null ? null : CameraOf(exif), dcf?.Number, dcf?.Folder,
            exif is null ? null : TimeOf(exif), item.Fact(PdqHash) is { } pdq ? ParsePdq(JsonFields.Text(pdq, "hash")) : null,
            card, item.FirstSequence);
    }

    /// <summary>
    /// Make, model and body serial. Without a serial two bodies of one model cannot be told apart by metadata;
    /// grouping then treats them as one camera, and time gaps, cards and PDQ do the separating.
    /// </summary>
    public static string? CameraOf(JsonObject exif)
    {
        var make = JsonFields.Text(exif, "make")?.Trim();
        var model = JsonFields.Text(exif, "model")?.Trim();
        if (string.IsNullOrEmpty(make) && string.IsNullOrEmpty(model)) return null;
        return $"{make}|{model}|{JsonFields.Text(exif, "bodySerial")?.Trim()}";
    }

    /// <summary>DateTimeOriginal, else DateTimeDigitized (a camera writes both from one clock reading).</summary>
    public static DateTime? TimeOf(JsonObject exif)
    {
        foreach (var name in (string[])["dateTimeOriginal", "dateTimeDigitized"])
            if (exif[name] is JsonObject time && JsonFields.Text(time, "value") is { } value
                && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return parsed;
        return null;
    }

    public static ulong[]? ParsePdq(string? hex)
    {
        if (hex is null || hex.Length != 64) return null;
        var words = new ulong[4];
        for (var i = 0; i < 4; i++)
            if (!ulong.TryParse(hex.AsSpan(i * 16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[i])) return null;
        return words;
    }
}
