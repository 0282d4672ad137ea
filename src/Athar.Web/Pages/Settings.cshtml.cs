using Athar.Web.Accounts;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Athar.Web.Pages;

/// <summary>A person's safer-viewing setting; for family liaison it cannot go below the default.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SettingsModel(AccountStore accounts) : PageModel
{
    [BindProperty] public int BlurSigma { get; set; } = ViewingSettings.DefaultSigma;
    [BindProperty] public bool Greyscale { get; set; }
    [BindProperty] public string ThumbSize { get; set; } = "medium";

    public ViewingSettings Current { get; private set; } = ViewingSettings.Default;
    public bool Locked { get; private set; }
    public bool Saved { get; private set; }

    public void OnGet() => Load();

    public IActionResult OnPost()
    {
        var viewer = Viewer.From(User);
        // Stored as asked, applied as the role allows (ViewingSettings.EffectiveFor), so a locked choice never takes effect.
        accounts.SaveSettings(viewer.Name, new ViewingSettings(BlurSigma, Greyscale, ThumbSize).EffectiveFor(viewer.Role));
        Load();
        Saved = true;
        return Page();
    }

    private void Load()
    {
        var viewer = Viewer.From(User);
        Current = viewer.Settings(accounts);
        Locked = viewer.Role == Roles.FamilyLiaison;
    }
}
