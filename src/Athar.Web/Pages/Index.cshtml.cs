using Athar.Storage;
using Athar.Storage.Ledger;
using Athar.Web.Audit;
using Athar.Web.Catalog;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Athar.Web.Pages;

/// <summary>Counts, charts (photos per month and camera, findings by severity), recent custody events (not for family liaison) and the latest signed checkpoint.</summary>
[Authorize(Policy = Policies.Browse)]
public sealed class IndexModel(WebCatalog catalog, GalleryIndex index, LedgerIndex ledger, IOptions<AtharWebOptions> options) : PageModel
{
    public WebCounts Counts { get; private set; } = new(0, 0, 0);
    public IReadOnlyList<LedgerRow>? Recent { get; private set; }
    public string? Checkpoint { get; private set; }
    public IReadOnlyList<CountRow> Severities { get; private set; } = [];
    public IReadOnlyList<CountRow> Months { get; private set; } = [];
    public IReadOnlyList<CountRow> Cameras { get; private set; } = [];
    public long Findings => Severities.Sum(s => s.Count);

    public async Task OnGetAsync()
    {
        Counts = catalog.Counts();
        Severities = await index.FindingsBySeverityAsync();
        Months = ContinuousMonths(await index.PhotosPerMonthAsync());
        Cameras = await index.PhotosPerCameraAsync();
        if (Viewer.From(User).May(Policies.Provenance)) Recent = ledger.Query(new LedgerFilter(), 15);
        var checkpoints = new CheckpointStore(new LedgerFiles(new ArchiveLayout(options.Value.Archive).Ledger).Checkpoints);
        if (checkpoints.Latest() is { } size) Checkpoint = checkpoints.Read(size);
    }

    /// <summary>
    /// Every month from the first to the last, with zero where there were no photos, so that gaps show as gaps;
    /// a span of more than 40 years (a bogus EXIF date) is left as the months present.
    /// </summary>
    public static IReadOnlyList<CountRow> ContinuousMonths(IReadOnlyList<CountRow> months)
    {
        var parsed = months.Select(m => (Row: m, Ok: DateOnly.TryParseExact(m.Label + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var d), Date: d)).ToList();
        if (parsed.Count == 0 || parsed.Any(p => !p.Ok)) return months;
        var first = parsed[0].Date;
        var last = parsed[^1].Date;
        if ((last.Year - first.Year) * 12 + last.Month - first.Month > 480) return months;
        var counts = parsed.ToDictionary(p => p.Date, p => p.Row.Count);
        var filled = new List<CountRow>();
        for (var month = first; month <= last; month = month.AddMonths(1))
            filled.Add(new CountRow(month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), counts.GetValueOrDefault(month)));
        return filled;
    }
}
