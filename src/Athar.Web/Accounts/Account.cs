namespace Athar.Web.Accounts;

/// <summary>One person's account. The password hash and TOTP secret never leave <see cref="AccountStore"/> in an event.</summary>
public sealed record Account(string Name, string Role, string PasswordHash, byte[]? TotpSecret, long TotpLastStep,
    int FailedAttempts, DateTimeOffset? LockedUntil, ViewingSettings Settings, DateTimeOffset Created)
{
    /// <summary>Locked by an admin (until unlocked), as opposed to the 15 minutes after failed sign-ins.</summary>
    public bool LockedByAdmin => LockedUntil is { } until && until >= AccountStore.LockedByAdmin;
}

public enum LoginOutcome
{
    Succeeded,
    /// <summary>Unknown name, wrong password or wrong code: the person is told only "did not match".</summary>
    Failed,
    LockedOut,
}
