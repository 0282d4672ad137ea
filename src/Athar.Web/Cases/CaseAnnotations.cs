using System.Globalization;
using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Web.Audit;

namespace Athar.Web.Cases;

/// <summary>A box on one photo, in fractions of its width and height (0..1), so it holds at any size of the image.</summary>
public sealed record FaceRegion(double X, double Y, double Width, double Height)
{
    /// <summary>A region inside the image with some area, or null.</summary>
    public static FaceRegion? Create(double x, double y, double width, double height)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(width) || !double.IsFinite(height)) return null;
        if (x < 0 || y < 0 || width < 0.02 || height < 0.02 || x + width > 1.0001 || y + height > 1.0001) return null;
        return new FaceRegion(Math.Round(x, 4), Math.Round(y, 4), Math.Round(width, 4), Math.Round(height, 4));
    }

    public JsonObject ToJson() => new() { ["x"] = X, ["y"] = Y, ["width"] = Width, ["height"] = Height };

    public static FaceRegion? FromJson(JsonObject? o) => o is null ? null
        : Create(Number(o["x"]), Number(o["y"]), Number(o["width"]), Number(o["height"]));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{X * 100:0}% from left, {Y * 100:0}% from top, {Width * 100:0}% x {Height * 100:0}%");

    private static double Number(JsonNode? n) =>
        n is JsonValue v && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
}

/// <summary>One annotation as recorded in the ledger: who, when, and a sign, a note or a face region.</summary>
public sealed record CaseAnnotation(long Seq, string Time, string Actor, string Kind, string? Sign, string? Label, string? Text, string? Item, FaceRegion? Region);

/// <summary>
/// Annotations are custody events (<see cref="CustodyEventTypes.CaseAnnotated"/>), like every other change to a case:
/// subject <c>{case}</c> (and <c>{item}</c> for a face region), details <c>{kind, sign, label}</c> for a sign from the
/// thesaurus (the label as it read then), <c>{kind: "note", text}</c> for a free note, <c>{kind: "face-region",
/// region: {x, y, width, height}}</c> for the box a family liaison may reveal. They are append-only: a later face region
/// of the same photo replaces the earlier one for reveals; the history stays. Read back through the ledger index.
/// </summary>
public static class CaseAnnotations
{
    public const string Sign = "sign";
    public const string Note = "note";
    public const string Face = "face-region";
    public const int MaxNoteLength = 2000;

    public static CustodyEvent SignEvent(string actor, string caseId, CaseSign sign) =>
        new(CustodyEventTypes.CaseAnnotated, actor, new JsonObject { ["case"] = caseId },
            new JsonObject { ["kind"] = Sign, ["sign"] = sign.Code, ["label"] = sign.Label });

    public static CustodyEvent NoteEvent(string actor, string caseId, string text) =>
        new(CustodyEventTypes.CaseAnnotated, actor, new JsonObject { ["case"] = caseId }, new JsonObject { ["kind"] = Note, ["text"] = text });

    public static CustodyEvent FaceEvent(string actor, string caseId, string item, FaceRegion region) =>
        new(CustodyEventTypes.CaseAnnotated, actor, new JsonObject { ["case"] = caseId, ["item"] = item },
            new JsonObject { ["kind"] = Face, ["region"] = region.ToJson() });

    public static IReadOnlyList<CaseAnnotation> For(LedgerIndex ledger, string caseId) =>
        ledger.ForCase(caseId, [CustodyEventTypes.CaseAnnotated]).Select(Parse).OfType<CaseAnnotation>().ToList();

    /// <summary>The latest face region marked on each photo of the case.</summary>
    public static IReadOnlyDictionary<string, FaceRegion> FaceRegions(IEnumerable<CaseAnnotation> annotations)
    {
        var regions = new Dictionary<string, FaceRegion>(StringComparer.Ordinal);
        foreach (var a in annotations)
            if (a is { Kind: Face, Item: { } item, Region: { } region }) regions[item] = region;
        return regions;
    }

    private static CaseAnnotation? Parse(LedgerRow row)
    {
        if (JsonNode.Parse(row.Details) is not JsonObject d || JsonNode.Parse(row.Subject) is not JsonObject s) return null;
        var kind = JsonFields.Text(d, "kind");
        if (kind is null) return null;
        return new CaseAnnotation(row.Seq, row.Time, row.Actor, kind, JsonFields.Text(d, "sign"), JsonFields.Text(d, "label"),
            JsonFields.Text(d, "text"), JsonFields.Text(s, "item"), FaceRegion.FromJson(d["region"] as JsonObject));
    }
}

/// <summary>Annotations across all cases (for the export).</summary>
public static class CaseSignIndex
{
    /// <summary>Case id to the distinct sign codes annotated on it, in first-annotated order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> SignsByCase(LedgerIndex ledger)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in ledger.QueryTypes([CustodyEventTypes.CaseAnnotated], new LedgerFilter(), int.MaxValue).Reverse())
        {
            if (JsonNode.Parse(row.Details) is not JsonObject d || JsonFields.Text(d, "kind") != CaseAnnotations.Sign) continue;
            if (JsonNode.Parse(row.Subject) is not JsonObject s || JsonFields.Text(s, "case") is not { } caseId || JsonFields.Text(d, "sign") is not { } sign) continue;
            if (!result.TryGetValue(caseId, out var list)) result[caseId] = list = [];
            if (!list.Contains(sign)) list.Add(sign);
        }
        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }
}
