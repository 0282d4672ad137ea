namespace Athar.Web.Accounts;

/// <summary>The five roles (docs/roles.md). Each is a stable string stored in accounts.db and in the auth cookie.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Archivist = "archivist";
    public const string Analyst = "analyst";
    public const string Investigator = "investigator";
    public const string FamilyLiaison = "family-liaison";

    public static IReadOnlyList<string> All { get; } = [Admin, Archivist, Analyst, Investigator, FamilyLiaison];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
