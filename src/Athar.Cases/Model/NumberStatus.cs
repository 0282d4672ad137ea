namespace Athar.Cases.Model;

/// <summary>Who stands behind a case number: the card reader (machine-read) or a person (confirmed).</summary>
public enum NumberStatus
{
    MachineRead,
    Confirmed,
}

public static class NumberStatusNames
{
    public const string MachineRead = "machine-read";
    public const string Confirmed = "confirmed";

    public static string ToText(this NumberStatus status) => status == NumberStatus.Confirmed ? Confirmed : MachineRead;

    public static NumberStatus Parse(string? text) => text == Confirmed ? NumberStatus.Confirmed : NumberStatus.MachineRead;
}
