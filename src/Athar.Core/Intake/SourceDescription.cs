namespace Athar.Core.Intake;

/// <summary>Who handed the material over, and when: the custodian's statement that goes with every copy.</summary>
public sealed record SourceDescription(string Label, string? Custodian, string? Received, string? Note)
{
    public static string? ValidateLabel(string label)
    {
        if (string.IsNullOrWhiteSpace(label)) return "a source label must not be empty";
        if (label.Length > 200) return "a source label must be at most 200 characters";
        foreach (var c in label)
            if (char.IsControl(c)) return "a source label must not contain control characters";
        return null;
    }
}
