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

    // People working with victim cases in the web app (docs/web.md, "Cases" and "Families"). Subjects name
    // {case} (and {item} where one photo is meant); claimants' personal data never enters the ledger.
    /// <summary>A case page, a queue card or a family view of a case was shown: details.page is case, queue or family.</summary>
    public const string CaseViewed = "case-viewed";
    /// <summary>An analyst annotated a case: details.kind is sign (a thesaurus code), note (free text) or face-region (an item's face box).</summary>
    public const string CaseAnnotated = "case-annotated";
    /// <summary>Cases were searched by number or date (family search): the criteria and how many cases matched.</summary>
    public const string CasesSearched = "cases-searched";
    /// <summary>The case CSV export was downloaded (it carries numbers and dates, no images).</summary>
    public const string CasesExported = "cases-exported";
    /// <summary>One photo's marked face region was shown unblurred after a warning (subject {case, item}).</summary>
    public const string FaceRegionRevealed = "face-region-revealed";
    /// <summary>An identification claim was recorded (subject {case, claim}); details hold only a salted digest of its content.</summary>
    public const string IdentificationClaimRecorded = "identification-claim-recorded";
    /// <summary>A claim was confirmed or rejected (details.decision); the reason is kept privately, its salted digest here.</summary>
    public const string IdentificationClaimDecided = "identification-claim-decided";
    /// <summary>Someone read identification claims (the claims page): details.claims counts them.</summary>
    public const string IdentificationClaimsViewed = "identification-claims-viewed";

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
