using Athar.Core.Custody;
using Athar.Web.Audit;
using Athar.Web.Catalog;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Athar.Web.Pages;

/// <summary>The audit trail, admin only, filtered by actor, event type and item.</summary>
[Authorize(Policy = Policies.Audit)]
public sealed class AuditModel(LedgerIndex ledger, WebCatalog catalog) : PageModel
{
    public const int PageSize = 100;

    public static IReadOnlyList<string> AuditTypes { get; } =
    [
        CustodyEventTypes.ItemViewed, CustodyEventTypes.ItemRevealed, CustodyEventTypes.OriginalDownloaded, CustodyEventTypes.ProofDownloaded,
        CustodyEventTypes.LoginSucceeded, CustodyEventTypes.LoginFailed, CustodyEventTypes.AccountCreated, CustodyEventTypes.AccountChanged,
        // Cases and families (docs/web.md): views, searches, exports, reveals, claims, and people's case changes.
        CustodyEventTypes.CaseViewed, CustodyEventTypes.CasesSearched, CustodyEventTypes.CasesExported, CustodyEventTypes.FaceRegionRevealed,
        CustodyEventTypes.IdentificationClaimRecorded, CustodyEventTypes.IdentificationClaimDecided, CustodyEventTypes.IdentificationClaimsViewed,
        CustodyEventTypes.CaseNumbersConfirmed, CustodyEventTypes.CaseAnnotated, CustodyEventTypes.CaseMerged, CustodyEventTypes.CaseSplit,
        CustodyEventTypes.CaseItemMoved,
    ];

    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(Name = "item", SupportsGet = true)] public string? ItemFilter { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    public IReadOnlyList<LedgerRow> Rows { get; private set; } = [];
    public string? Next { get; private set; }

    public void OnGet()
    {
        string? item = null;
        if (!string.IsNullOrWhiteSpace(ItemFilter))
        {
            item = catalog.Item(ItemFilter.Trim().ToLowerInvariant())?.Id;
            if (item is null) return; // an unknown item has no events
        }
        var type = string.IsNullOrWhiteSpace(Type) ? null : Type;
        var actor = string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim();
        // With no type chosen, list only the audit events, not the (many) ingest entries.
        var rows = type is not null
            ? ledger.Query(new LedgerFilter(actor, type, item, Before), PageSize + 1)
            : ledger.QueryTypes(AuditTypes, new LedgerFilter(actor, null, item, Before), PageSize + 1);
        Rows = rows.Take(PageSize).ToList();
        if (rows.Count > PageSize)
        {
            var query = new Dictionary<string, string?> { ["before"] = Rows[^1].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (actor is not null) query["actor"] = actor;
            if (type is not null) query["type"] = type;
            if (item is not null) query["item"] = item;
            Next = QueryHelpers.AddQueryString("/audit", query);
        }
    }
}
