using Athar.Storage;
using Athar.Storage.Ledger;
using Athar.Web.Audit;
using Athar.Web.Catalog;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Athar.Web.Pages;

/// <summary>Counts, recent custody events (not for family liaison) and the latest signed checkpoint.</summary>
[Authorize(Policy = Policies.Browse)]
public sealed class IndexModel(WebCatalog catalog, LedgerIndex ledger, IOptions<AtharWebOptions> options) : PageModel
{
    public WebCounts Counts { get; private set; } = new(0, 0, 0);
    public IReadOnlyList<LedgerRow>? Recent { get; private set; }
    public string? Checkpoint { get; private set; }

    public void OnGet()
    {
        Counts = catalog.Counts();
        if (Viewer.From(User).May(Policies.Provenance)) Recent = ledger.Query(new LedgerFilter(), 15);
        var checkpoints = new CheckpointStore(new LedgerFiles(new ArchiveLayout(options.Value.Archive).Ledger).Checkpoints);
        if (checkpoints.Latest() is { } size) Checkpoint = checkpoints.Read(size);
    }
}
