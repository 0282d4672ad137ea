using System.Text.Json;
using System.Text.Json.Nodes;

namespace Athar.Core.Custody;

/// <summary>
/// Reads fields of custody entries whether the entry was just built in code (values hold CLR ints,
/// longs, strings) or parsed from the ledger (values hold JSON elements): the two must read the same.
/// </summary>
public static class JsonFields
{
    public static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Integer(JsonObject o, string name)
    {
        if (o[name] is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var parsed)) return parsed;
        return null;
    }
}
