namespace Athar.Core.Custody;

/// <summary>Who an event is attributed to.</summary>
public static class Actors
{
    /// <summary>Athar itself, for events no person caused (crash recovery).</summary>
    public const string System = "athar";

    /// <summary>The local account running the command, as "user@host".</summary>
    public static string CurrentUser() => $"{Environment.UserName}@{Environment.MachineName}";
}
