namespace Athar.Web;

/// <summary>Settings of the web app, bound from the "Athar" configuration section.</summary>
public sealed class AtharWebOptions
{
    public const string Section = "Athar";

    /// <summary>The archive folder (required).</summary>
    public string Archive { get; set; } = "";

    /// <summary>How long an audited request waits for the ledger's writer lock before answering 503.</summary>
    public TimeSpan AuditLockWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Login attempts allowed per client address per minute.</summary>
    public int LoginAttemptsPerAddressPerMinute { get; set; } = 20;

    /// <summary>Login attempts allowed per account name per minute.</summary>
    public int LoginAttemptsPerNamePerMinute { get; set; } = 10;

    /// <summary>PBKDF2 iterations for password hashes made by this process (tests lower it; never lower in use).</summary>
    public int PasswordIterations { get; set; } = Accounts.AccountStore.Iterations;

    /// <summary>The thesaurus of observed signs for case annotations (docs/web.md); empty: <c>case-signs.json</c> in the archive, else the built-in list.</summary>
    public string? CaseSignsFile { get; set; }

    public string AccountsPath => Path.Combine(Archive, "accounts.db");

    /// <summary>Identification claims (personal data of families), apart from the catalog and the ledger.</summary>
    public string ClaimsPath => Path.Combine(Archive, "claims.db");
}
