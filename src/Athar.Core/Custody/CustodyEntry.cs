using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Athar.Core.Custody;

/// <summary>
/// One event in the custody ledger. Its canonical JSON (RFC 8785) is a leaf of the ledger's Merkle tree:
/// <c>{"actor","details","seq","subject","time","type"}</c>. <see cref="Sequence"/> equals the leaf index.
/// </summary>
public sealed record CustodyEntry(
    long Sequence,
    DateTimeOffset Time,
    string Actor,
    string Type,
    JsonObject Subject,
    JsonObject Details)
{
    /// <summary>Time is always written in UTC with millisecond precision, so the text round-trips.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public JsonObject ToJson() => new()
    {
        ["seq"] = Sequence,
        ["time"] = FormatTime(Time),
        ["actor"] = Actor,
        ["type"] = Type,
        ["subject"] = Subject.DeepClone(),
        ["details"] = Details.DeepClone(),
    };

    public byte[] ToCanonicalBytes()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        WriteCanonical(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes the entry's canonical JSON straight from its parts, members already in RFC 8785 order
    /// (actor, details, seq, subject, time, type), without copying subject and details into a new tree:
    /// this is the ledger's hot path.
    /// </summary>
    public void WriteCanonical(System.Buffers.IBufferWriter<byte> output)
    {
        CanonicalJson.WriteMember(output, "{", "actor", JsonValue.Create(Actor));
        CanonicalJson.WriteMember(output, ",", "details", Details);
        CanonicalJson.WriteMember(output, ",", "seq", JsonValue.Create(Sequence));
        CanonicalJson.WriteMember(output, ",", "subject", Subject);
        CanonicalJson.WriteMember(output, ",", "time", JsonValue.Create(FormatTime(Time)));
        CanonicalJson.WriteMember(output, ",", "type", JsonValue.Create(Type));
        CanonicalJson.WriteRaw(output, "}");
    }

    /// <summary>Parses one ledger line. Throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static CustodyEntry Parse(ReadOnlySpan<byte> utf8)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON: {e.Message}", e);
        }
        if (node is not JsonObject obj) throw new FormatException("a ledger entry must be a JSON object");
        try
        {
            var seq = obj["seq"]?.GetValue<long>() ?? throw new FormatException("missing 'seq'");
            var timeText = obj["time"]?.GetValue<string>() ?? throw new FormatException("missing 'time'");
            var time = DateTimeOffset.Parse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            var actor = obj["actor"]?.GetValue<string>() ?? throw new FormatException("missing 'actor'");
            var type = obj["type"]?.GetValue<string>() ?? throw new FormatException("missing 'type'");
            var subject = obj["subject"] as JsonObject ?? throw new FormatException("missing 'subject'");
            var details = obj["details"] as JsonObject ?? throw new FormatException("missing 'details'");
            return new CustodyEntry(seq, time, actor, type, (JsonObject)subject.DeepClone(), (JsonObject)details.DeepClone());
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"a field has the wrong JSON type: {e.Message}", e);
        }
    }
}
