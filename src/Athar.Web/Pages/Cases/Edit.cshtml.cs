using System.Globalization;
using Athar.Cases.Editing;
using Athar.Core.Custody;
using Athar.Web.Cases;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Athar.Web.Pages.Cases;

/// <summary>
/// Analysts' changes to a case, each a custody event naming them: a sign from the thesaurus, a free note, a face
/// region (<c>case-annotated</c>); merge, split and move through the case model (<c>case-merged</c>,
/// <c>case-split</c>, <c>case-item-moved</c>). Photos are named by their position in the case as the form showed it.
/// Every post redirects to the case page with what happened, or why nothing did.
/// </summary>
[Authorize(Policy = Policies.EditCases)]
public sealed class CaseEditModel(CaseCatalog cases, CaseEditor editor, CaseSigns signs) : PageModel
{
    public IActionResult OnGet(string id) => Redirect($"/cases/{Uri.EscapeDataString(id)}#edit");

    public Task<IActionResult> OnPostSignAsync(string id, string? sign) => Edit(id, async (c, actor) =>
    {
        var entry = signs.Find(sign) ?? throw new CaseEditException($"'{sign}' is not in the thesaurus", isUsage: true);
        await editor.RecordAsync([CaseAnnotations.SignEvent(actor, c.Id, entry)], HttpContext.RequestAborted);
        return (c.Id, $"Sign added: {entry.Label}.");
    });

    public Task<IActionResult> OnPostNoteAsync(string id, string? text) => Edit(id, async (c, actor) =>
    {
        var note = (text ?? "").Trim();
        if (note.Length is 0 or > CaseAnnotations.MaxNoteLength) throw new CaseEditException($"a note has 1 to {CaseAnnotations.MaxNoteLength} characters", isUsage: true);
        await editor.RecordAsync([CaseAnnotations.NoteEvent(actor, c.Id, note)], HttpContext.RequestAborted);
        return (c.Id, "Note added.");
    });

    public Task<IActionResult> OnPostFaceAsync(string id, int photo, double left, double top, double width, double height) => Edit(id, async (c, actor) =>
    {
        var item = Photo(c, photo);
        var region = FaceRegion.Create(left / 100, top / 100, width / 100, height / 100)
            ?? throw new CaseEditException("the face region must lie inside the photo and be at least 2% on each side", isUsage: true);
        await editor.RecordAsync([CaseAnnotations.FaceEvent(actor, c.Id, item, region)], HttpContext.RequestAborted);
        return (c.Id, $"Face region marked on photo {photo}.");
    });

    public Task<IActionResult> OnPostMergeAsync(string id, string? from) => Edit(id, async (c, actor) =>
    {
        var merged = await editor.MergeAsync(actor, c.Id, from ?? "", HttpContext.RequestAborted);
        return (merged.Id, $"{Athar.Cases.Model.CaseId.Normalize(from ?? "")} merged into {merged.Id}.");
    });

    public Task<IActionResult> OnPostSplitAsync(string id, int photo) => Edit(id, async (c, actor) =>
    {
        var (kept, split) = await editor.SplitAsync(actor, c.Id, Photo(c, photo), HttpContext.RequestAborted);
        return (kept.Id, $"Photos {photo} to {c.Case.Items.Count} are now case {split.Id}.");
    });

    public Task<IActionResult> OnPostMoveAsync(string id, int photo, string? to) => Edit(id, async (c, actor) =>
    {
        var (_, joined) = await editor.MoveAsync(actor, Photo(c, photo), to ?? "", HttpContext.RequestAborted);
        return (c.Id, $"Photo {photo} moved to {joined.Id}.");
    });

    private async Task<IActionResult> Edit(string id, Func<WebCase, string, Task<(string CaseId, string Message)>> edit)
    {
        var viewer = Viewer.From(User);
        if (cases.Case(id) is not { State: "open" } c) return NotFound();
        try
        {
            var (landing, message) = await edit(c, viewer.Actor);
            return Redirect(QueryHelpers.AddQueryString("/cases/" + landing, "msg", message) + "#annotations");
        }
        catch (CaseEditException e)
        {
            return Redirect(QueryHelpers.AddQueryString("/cases/" + c.Id, "error", "Nothing was changed: " + e.Message) + "#edit");
        }
    }

    private static string Photo(WebCase c, int position) =>
        position >= 1 && position <= c.Case.Items.Count ? c.Case.Items[position - 1]
            : throw new CaseEditException(string.Create(CultureInfo.InvariantCulture, $"case {c.Id} has no photo {position}"), isUsage: true);
}
