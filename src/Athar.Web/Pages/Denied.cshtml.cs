using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Athar.Web.Pages;

[Authorize(Policy = Policies.SignedIn)]
public sealed class DeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
