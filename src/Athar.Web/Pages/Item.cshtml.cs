using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Web.Audit;
using Athar.Web.Catalog;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Athar.Web.Pages;

/// <summary>
/// One item: its hash, its copies with provenance (not for family liaison), the blurred preview and a reveal
/// button, the download link for roles that may download, and its custody events. Each view and each reveal
/// is recorded before anything is shown.
/// </summary>
[Authorize(Policy = Policies.Browse)]
public sealed class ItemModel(WebCatalog catalog, LedgerIndex ledger, AuditRecorder audit, RevealGrants grants) : PageModel
{
    public WebItem? Item { get; private set; }
    public Viewer Viewer { get; private set; } = null!;
    public IReadOnlyList<WebCopy>? Copies { get; private set; }
    public IReadOnlyList<LedgerRow>? Events { get; private set; }
    public string? RevealToken { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Load(id)) return NotFound();
        await audit.RecordAsync(CustodyEventTypes.ItemViewed, Viewer.Actor, new JsonObject { ["item"] = Item!.Id }, null, HttpContext.RequestAborted);
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostRevealAsync(string id)
    {
        if (!Load(id)) return NotFound();
        await audit.RecordAsync(CustodyEventTypes.ItemRevealed, Viewer.Actor, new JsonObject { ["item"] = Item!.Id },
            new JsonObject { ["derivative"] = "preview" }, HttpContext.RequestAborted);
        RevealToken = grants.Grant(Viewer.Name, Item.Id);
        Fill();
        return Page();
    }

    private bool Load(string id)
    {
        Viewer = Viewer.From(User);
        Item = catalog.Item(id.ToLowerInvariant());
        return Item is not null;
    }

    private void Fill()
    {
        if (!Viewer.May(Policies.Provenance)) return;
        Copies = catalog.Copies(Item!.Id);
        Events = ledger.Query(new LedgerFilter(Item: Item.Id), 200);
    }
}
