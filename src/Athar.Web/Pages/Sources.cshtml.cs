using Athar.Web.Catalog;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Athar.Web.Pages;

/// <summary>Every source with its custodian: admin and archivist only, since custodians must stay protected.</summary>
[Authorize(Policy = Policies.Sources)]
public sealed class SourcesModel(WebCatalog catalog) : PageModel
{
    public IReadOnlyList<WebSource> Sources { get; private set; } = [];

    public void OnGet() => Sources = catalog.Sources();
}
