using System.Text.Json;
using System.Text.Json.Nodes;

namespace Athar.CaseEval;

/// <summary>Card findings by digest, written by one run and read by another, so the vote can be compared on the same readings.</summary>
internal static class RecordedReadings
{
    public static void Save(string path, IReadOnlyList<ArchiveItem> items)
    {
        var all = new JsonObject();
        foreach (var item in items) all[item.Sha256] = item.Card.DeepClone();
        File.WriteAllText(path, all.ToJsonString());
    }

    public static Dictionary<string, JsonObject> Load(string path)
    {
        var all = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: not a JSON object");
        return all.ToDictionary(kv => kv.Key, kv => (JsonObject)kv.Value!.DeepClone(), StringComparer.Ordinal);
    }
}
