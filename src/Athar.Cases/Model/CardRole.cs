namespace Athar.Cases.Model;

/// <summary>The three lines of the card, top to bottom, as the card reader names them.</summary>
public static class CardRole
{
    public const string Detainee = "detainee";
    public const string Branch = "branch";
    public const string Report = "report";

    public static readonly IReadOnlyList<string> All = [Detainee, Branch, Report];
}
