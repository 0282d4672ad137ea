using System.Globalization;
using System.Text.Json.Nodes;
using Athar.Core.Custody;

namespace Athar.Cases.Model;

/// <summary>
/// One of a case's three card numbers. <see cref="Value"/> is null when no photo of the case gave a reading.
/// <see cref="Confidence"/> is the reader's vote (0..1) for a machine reading and 1 once a person confirmed it.
/// </summary>
public sealed record CaseNumber(string? Value, double Confidence, NumberStatus Status)
{
    public static readonly CaseNumber Unread = new(null, 0, NumberStatus.MachineRead);

    /// <summary>
    /// The confidence from which a machine reading (a number, or one digit of it) counts as sure: under it, the
    /// transcription queue marks it for a closer look. The vote keeps numbers it cannot trust below it
    /// (<c>NumberVote.CoveredCeiling</c>), and bench/eval-cases.sh counts the wrong numbers at or above it.
    /// </summary>
    public const double Sure = 0.9;

    public static CaseNumber ConfirmedAs(string value) => new(value, 1, NumberStatus.Confirmed);

    public JsonObject ToJson() => new()
    {
        ["value"] = Value,
        // Rounded so the ledger's canonical JSON stays short and readable; 4 digits is finer than any reader's calibration.
        ["confidence"] = Math.Round(Confidence, 4),
        ["status"] = Status.ToText(),
    };

    public static CaseNumber FromJson(JsonObject? o)
    {
        if (o is null) return Unread;
        var confidence = o["confidence"] is JsonValue v && v.TryGetValue<double>(out var d) ? d
            : double.TryParse(o["confidence"]?.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return new CaseNumber(JsonFields.Text(o, "value"), confidence, NumberStatusNames.Parse(JsonFields.Text(o, "status")));
    }
}
