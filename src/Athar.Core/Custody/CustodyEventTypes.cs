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

    // Victim cases (docs/cases.md). Each carries the resulting state of every case it touches (items in
    // shooting order, numbers, best photo), so the catalog replaces rows and never has to recompute.
    /// <summary>Machine grouping made a case: items, voted numbers with confidences, best photo, grouping version.</summary>
    public const string CaseCreated = "case-created";
    /// <summary>The card reader's numbers of a case changed (new readings); confirmed numbers are never touched.</summary>
    public const string CaseNumbersRead = "case-numbers-read";
    /// <summary>A person confirmed (or corrected) a case's three numbers.</summary>
    public const string CaseNumbersConfirmed = "case-numbers-confirmed";
    public const string CaseMerged = "case-merged";
    public const string CaseSplit = "case-split";
    /// <summary>An item was put into a case: moved from another case by a person, or a new photo placed by grouping (from null).</summary>
    public const string CaseItemMoved = "case-item-moved";

    // The review web app's audit trail: who looked at what, and who signed in (docs/web.md).
    public const string AccountCreated = "account-created";
    public const string ItemViewed = "item-viewed";
    public const string ItemRevealed = "item-revealed";
    public const string OriginalDownloaded = "original-downloaded";
    public const string LoginSucceeded = "login-succeeded";
    public const string LoginFailed = "login-failed";
}
