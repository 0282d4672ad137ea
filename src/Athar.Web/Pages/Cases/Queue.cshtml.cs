using System.Globalization;
using System.Text.Json.Nodes;
using Athar.Cases.Editing;
using Athar.Cases.Model;
using Athar.Cases.Numbers;
using Athar.Core.Custody;
using Athar.Web.Audit;
using Athar.Web.Cases;
using Athar.Web.Catalog;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Athar.Web.Pages.Cases;

/// <summary>One digit of the machine's reading, marked when its confidence is under <see cref="CaseNumber.Sure"/>.</summary>
public sealed record QueueDigit(char Character, double Confidence, bool Low);

/// <summary>
/// One of the three numbers as the queue offers it. <paramref name="Covered"/>: on the card shown, or in most photos of
/// the case, something covers the card near this number's writing, so a digit may be hidden or cut (docs/cards.md, "A
/// cover over the writing").
/// </summary>
public sealed record QueueLine(string Role, string Label, string Value, IReadOnlyList<QueueDigit> Digits, CaseNumber Number, bool Covered = false)
{
    public string Describe => Number.Value is null ? "not read: type it"
        : Number.Status == NumberStatus.Confirmed ? "confirmed before"
        : "machine " + Number.Confidence.ToString("0%", CultureInfo.InvariantCulture) + (Covered ? "; the card is covered near this number: a digit may be hidden" : "");
}

/// <summary>
/// The transcription queue: one case at a time that is not yet confirmed, in id order, showing the straightened card
/// crop (never the body) with the machine's numbers filled in and weak digits marked. Enter confirms all three
/// (<see cref="CaseBook.Confirm"/>, a <c>case-numbers-confirmed</c> event for the whole case) and shows the next.
/// Each case shown is recorded as <c>case-viewed</c> (page queue).
/// </summary>
[Authorize(Policy = Policies.Transcribe)]
public sealed class QueueModel(CaseCatalog cases, WebCatalog catalog, CardCrops crops, CaseEditor editor, AuditRecorder audit, LedgerIndex ledger, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(Name = "case", SupportsGet = true)] public string? CaseId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public WebCase? Current { get; private set; }
    public bool HasCrop { get; private set; }
    public IReadOnlyList<QueueLine> Lines { get; private set; } = [];
    public QueueRate Rate { get; private set; } = new(0, 0, 0);
    public long Remaining { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var viewer = Viewer.From(User);
        Done = Athar.Cases.Model.CaseId.Normalize(Done ?? "");
        Current = CaseId is { Length: > 0 } ? cases.Case(CaseId) : Next(Athar.Cases.Model.CaseId.Normalize(After ?? "") ?? "");
        if (Current is { State: not "open" }) Current = null;
        await Show(viewer);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? detainee, string? branch, string? report)
    {
        var viewer = Viewer.From(User);
        try
        {
            var confirmed = await editor.ConfirmAsync(viewer.Actor, CaseId ?? "", detainee ?? "", branch ?? "", report ?? "", HttpContext.RequestAborted);
            return Redirect($"/cases/queue?after={confirmed.Id}&done={confirmed.Id}");
        }
        catch (CaseEditException e)
        {
            Error = e.Message.Replace("--", "", StringComparison.Ordinal);
            Current = cases.Case(CaseId ?? "");
            await Show(viewer, typed: new Dictionary<string, string?> { [CardRole.Detainee] = detainee, [CardRole.Branch] = branch, [CardRole.Report] = report });
            return Page();
        }
    }

    private WebCase? Next(string after) => First(cases.Page(after, 1, unconfirmedOnly: true)) ?? (after.Length > 0 ? First(cases.Page("", 1, unconfirmedOnly: true)) : null);

    private static WebCase? First(IReadOnlyList<WebCase> page) => page.Count > 0 ? page[0] : null;

    private async Task Show(Viewer viewer, IReadOnlyDictionary<string, string?>? typed = null)
    {
        Rate = QueueRate.Measure(ledger, viewer.Actor, time.GetUtcNow());
        Remaining = cases.Counts().Unconfirmed;
        if (Current is not { } c) return;
        await audit.RecordAsync(CustodyEventTypes.CaseViewed, viewer.Actor, new JsonObject { ["case"] = c.Id }, new JsonObject { ["page"] = "queue" }, HttpContext.RequestAborted);
        HasCrop = catalog.Item(c.Case.BestItem) is { } best && crops.For(best) is not null;
        // Each photo's reading is looked up once: the best photo's marks the digits, all of them say whether a cover held
        // the vote down.
        var readings = c.Case.Items.Distinct().ToDictionary(id => id, cases.Reading);
        Athar.Cases.Grouping.CardReading? reading = c.Case.BestItem.Length == 0 ? null
            : readings.TryGetValue(c.Case.BestItem, out var shown) ? shown : cases.Reading(c.Case.BestItem);
        Lines = [.. CardRole.All.Select(role =>
            Line(role, c.Case.Numbers[role], reading?.Line(role), NumberVote.CoverReaches(readings.Values, role), typed?.GetValueOrDefault(role)))];
    }

    /// <param name="coveredInMost">
    /// A cover reaches the line in most of the case's photos (<see cref="NumberVote.CoverReaches"/>): the vote held the
    /// number's confidence down for it, so the queue says why even when the card shown is not covered there.
    /// </param>
    internal static QueueLine Line(string role, CaseNumber number, Athar.Cases.Grouping.CardLine? read, bool coveredInMost, string? typed)
    {
        var label = role switch { CardRole.Detainee => "Detainee number", CardRole.Branch => "Branch number", _ => "Report number" };
        var value = number.Value ?? "";
        IReadOnlyList<QueueDigit> digits;
        if (number.Status == NumberStatus.Confirmed) digits = [.. value.Select(ch => new QueueDigit(ch, 1, false))];
        else if (read is not null && read.Text == value)
            // The best photo's own reading agrees with the case's vote: mark its weak digits one by one.
            digits = [.. read.Digits.Select((d, i) => new QueueDigit(value[i], d.Confidence, d.Confidence < CaseNumber.Sure))];
        else digits = [.. value.Select(ch => new QueueDigit(ch, number.Confidence, number.Confidence < CaseNumber.Sure))];
        return new QueueLine(role, label, typed ?? value, digits, number, read?.Covered == true || coveredInMost);
    }
}
