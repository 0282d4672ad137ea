using System.Text.Json.Nodes;

namespace Athar.Core.Analysis;

/// <summary>
/// One thing an analyzer found about an item: a stable code (<c>jpeg.truncated</c>,
/// <c>exif.time-out-of-sequence</c>), a severity, a plain-language explanation a court can read, and the
/// data behind it. Codes are the contract; explanations may be reworded.
/// </summary>
public sealed record Finding(string Code, Severity Severity, string Explanation, JsonObject Data)
{
    public JsonObject ToJson() => new()
    {
        ["code"] = Code,
        ["severity"] = Severity.ToText(),
        ["explanation"] = Explanation,
        ["data"] = Data.DeepClone(),
    };

    public static Finding FromJson(JsonObject json)
    {
        var severityText = json["severity"]?.GetValue<string>();
        if (!SeverityNames.TryParse(severityText, out var severity))
            throw new FormatException($"unknown finding severity '{severityText}'");
        return new Finding(json["code"]?.GetValue<string>() ?? "", severity, json["explanation"]?.GetValue<string>() ?? "",
            json["data"] as JsonObject is { } data ? (JsonObject)data.DeepClone() : []);
    }
}
