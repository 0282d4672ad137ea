namespace Athar.Core.Custody;

/// <summary>
/// The registry of custody event types. Each is a stable string written into the ledger; never rename
/// one, since old ledgers must stay readable.
/// </summary>
public static class CustodyEventTypes
{
    public const string ArchiveCreated = "archive-created";
    public const string KeyCreated = "key-created";
    public const string CopyIngested = "copy-ingested";
    public const string SymlinkRecorded = "symlink-recorded";
    public const string Rejection = "rejection";
    public const string VerificationRun = "verification-run";
    public const string CatalogRebuilt = "catalog-rebuilt";
    public const string Checkpoint = "checkpoint";
    public const string TornTailQuarantined = "torn-tail-quarantined";
    public const string Analysis = "analysis";
    /// <summary>An archive-level analyzer finished a run (its per-item results are <see cref="Analysis"/> entries before it).</summary>
    public const string ArchiveAnalysis = "archive-analysis";
    /// <summary>A hash bank was imported into banks/NAME.pdqbank (or replaced the bank of that name).</summary>
    public const string BankImported = "bank-imported";

    // The review web app's audit trail: who looked at what, and who signed in (docs/web.md).
    public const string AccountCreated = "account-created";
    public const string ItemViewed = "item-viewed";
    public const string ItemRevealed = "item-revealed";
    public const string OriginalDownloaded = "original-downloaded";
    public const string LoginSucceeded = "login-succeeded";
    public const string LoginFailed = "login-failed";
    public const string ProofDownloaded = "proof-downloaded";
    /// <summary>An admin changed an account in the web app: details.change is role, locked or unlocked.</summary>
    public const string AccountChanged = "account-changed";
}
