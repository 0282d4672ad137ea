using System.Globalization;
using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Web.Audit;
using Athar.Web.Cases;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Athar.Web.Pages.Families;

/// <summary>
/// Family search: exact detainee or branch number (one is required, so a search never lists the whole archive),
/// narrowed by the first photo's date. Every search is recorded (<c>cases-searched</c>: the criteria and the count)
/// before its results are shown; results show card crops only.
/// </summary>
[Authorize(Policy = Policies.Families)]
public sealed class FamiliesIndexModel(CaseCatalog cases, AuditRecorder audit) : PageModel
{
    public const int MaxResults = 50;

    [BindProperty(SupportsGet = true)] public string? Detainee { get; set; }
    [BindProperty(SupportsGet = true)] public string? Branch { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public IReadOnlyList<WebCase>? Results { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Detainee = Clean(Detainee);
        Branch = Clean(Branch);
        if (Detainee is null && Branch is null)
        {
            if (From is not null || To is not null) Error = "Give a detainee number or a branch number; a date range alone would list unrelated cases.";
            return;
        }
        if ((Detainee ?? Branch)!.Any(ch => !char.IsAsciiDigit(ch)) || (Branch?.Any(ch => !char.IsAsciiDigit(ch)) ?? false))
        {
            Error = "Numbers are digits only.";
            return;
        }
        var found = cases.Search(new CaseSearch(Detainee, Branch, From, To), MaxResults);
        await audit.RecordAsync(CustodyEventTypes.CasesSearched, Viewer.From(User).Actor, new JsonObject { ["search"] = "family" }, new JsonObject
        {
            ["detainee"] = Detainee, ["branch"] = Branch,
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["results"] = found.Count, ["cases"] = new JsonArray([.. found.Select(c => (JsonNode)c.Id)]),
        }, HttpContext.RequestAborted);
        Results = found;
    }

    private static string? Clean(string? number) => string.IsNullOrWhiteSpace(number) ? null : number.Trim();
}
