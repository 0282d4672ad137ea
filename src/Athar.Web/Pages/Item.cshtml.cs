using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Core.Custody;
using Athar.Web.Audit;
using Athar.Web.Catalog;
using Athar.Web.Diagnostics;
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
public sealed class ItemModel(WebCatalog catalog, LedgerIndex ledger, AuditRecorder audit, RevealGrants grants, ItemInspector inspector) : PageModel
{
    public WebItem? Item { get; private set; }
    public Viewer Viewer { get; private set; } = null!;
    public IReadOnlyList<WebCopy>? Copies { get; private set; }
    public IReadOnlyList<LedgerRow>? Events { get; private set; }
    public string? RevealToken { get; private set; }
    public IReadOnlyList<WebFinding>? Findings { get; private set; }
    public string? Assessment { get; private set; }
    public IReadOnlyList<(string Label, string Value)>? Normalized { get; private set; }
    public ItemInspection? Inspection { get; private set; }
    public IReadOnlyList<WebNearDuplicate> NearDuplicates { get; private set; } = [];
    public IReadOnlyList<WebFinding> BankMatches { get; private set; } = [];

    private readonly ServerTiming _timing = new();

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Load(id)) return NotFound();
        await _timing.Measure("audit", () => audit.RecordAsync(CustodyEventTypes.ItemViewed, Viewer.Actor, new JsonObject { ["item"] = Item!.Id }, null, HttpContext.RequestAborted));
        Fill();
        Response.Headers[ServerTiming.HeaderName] = _timing.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostRevealAsync(string id)
    {
        if (!Load(id)) return NotFound();
        await audit.RecordAsync(CustodyEventTypes.ItemRevealed, Viewer.Actor, new JsonObject { ["item"] = Item!.Id },
            new JsonObject { ["derivative"] = "preview" }, HttpContext.RequestAborted);
        RevealToken = grants.Grant(Viewer.Name, Item.Id);
        Fill();
        Response.Headers[ServerTiming.HeaderName] = _timing.Value;
        return Page();
    }

    private bool Load(string id)
    {
        Viewer = Viewer.From(User);
        Item = _timing.Measure("item", () => catalog.Item(id.ToLowerInvariant()));
        return Item is not null;
    }

    // Provenance, forensic detail and custody history are for the roles that may see where copies came from:
    // camera serials, GPS and paths can identify a source (docs/roles.md).
    private void Fill()
    {
        if (!Viewer.May(Policies.Provenance)) return;
        Copies = _timing.Measure("copies", () => catalog.Copies(Item!.Id));
        Events = _timing.Measure("events", () => ledger.Query(new LedgerFilter(Item: Item!.Id), 200));
        Findings = _timing.Measure("findings", () => catalog.Findings(Item!.Id));
        Assessment = _timing.Measure("assess", () => ItemAssessment.Describe([.. catalog.Analyses(Item!.Id).Select(a => (a.Analyzer, a.Version))],
            [.. Findings.Select(f => (f.Code, (Severity)f.Severity))]));
        if (Findings.FirstOrDefault(f => f.Code == "exif.summary") is { } summary) Normalized = ItemInspector.Normalized(summary.Data);
        Inspection = _timing.Measure("inspect", () => inspector.Inspect(Item!));
        NearDuplicates = _timing.Measure("related", () => catalog.NearDuplicateGroup(Item!.Id));
        BankMatches = [.. Findings.Where(f => f.Code == "bank.match")];
    }
}
