using System.Text.Json.Nodes;

namespace Athar.Cases.Model;

/// <summary>A case's three card numbers: the detainee's, the security branch's and the forensic report's.</summary>
public sealed record CaseNumbers(CaseNumber Detainee, CaseNumber Branch, CaseNumber Report)
{
    public static readonly CaseNumbers Unread = new(CaseNumber.Unread, CaseNumber.Unread, CaseNumber.Unread);

    public CaseNumber this[string role] => role switch
    {
        CardRole.Detainee => Detainee,
        CardRole.Branch => Branch,
        CardRole.Report => Report,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "a card line is detainee, branch or report"),
    };

    /// <summary>Confirmed only when a person confirmed all three; otherwise machine-read.</summary>
    public NumberStatus Status =>
        Detainee.Status == NumberStatus.Confirmed && Branch.Status == NumberStatus.Confirmed && Report.Status == NumberStatus.Confirmed
            ? NumberStatus.Confirmed : NumberStatus.MachineRead;

    public bool AnyConfirmed =>
        Detainee.Status == NumberStatus.Confirmed || Branch.Status == NumberStatus.Confirmed || Report.Status == NumberStatus.Confirmed;

    public JsonObject ToJson() => new()
    {
        [CardRole.Detainee] = Detainee.ToJson(),
        [CardRole.Branch] = Branch.ToJson(),
        [CardRole.Report] = Report.ToJson(),
    };

    public static CaseNumbers FromJson(JsonObject? o) => o is null ? Unread : new(
        CaseNumber.FromJson(o[CardRole.Detainee] as JsonObject),
        CaseNumber.FromJson(o[CardRole.Branch] as JsonObject),
        CaseNumber.FromJson(o[CardRole.Report] as JsonObject));
}
