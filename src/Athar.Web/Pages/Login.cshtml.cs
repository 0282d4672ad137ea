using System.Security.Claims;
using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Web.Accounts;
using Athar.Web.Audit;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Athar.Web.Pages;

/// <summary>Sign-in: the one page open to everyone. Every success and failure is a custody event.</summary>
[AllowAnonymous]
[EnableRateLimiting(AtharWebApp.LoginRateLimiterPolicy)]
public sealed class LoginModel(AccountStore accounts, AuditRecorder audit, LoginNameLimiter nameLimiter) : PageModel
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = (UserName ?? "").Trim().ToLowerInvariant();
        if (!nameLimiter.TryAcquire(name))
        {
            Message = "Too many attempts for this account. Wait a minute and try again.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var outcome = accounts.Login(name, Password ?? "", Code);
        var attempted = AccountStore.IsValidName(name) ? name : "(invalid name)";
        if (outcome != LoginOutcome.Succeeded)
        {
            await audit.RecordAsync(CustodyEventTypes.LoginFailed, AuditRecorder.ActorFor("anonymous"),
                new JsonObject { ["account"] = attempted },
                new JsonObject { ["reason"] = outcome == LoginOutcome.LockedOut ? "locked-out" : "did-not-match" }, HttpContext.RequestAborted);
            Message = outcome == LoginOutcome.LockedOut
                ? "This account is locked for 15 minutes after 5 failed attempts."
                : "The account name, password or code did not match.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        var account = accounts.Find(name)!;
        await audit.RecordAsync(CustodyEventTypes.LoginSucceeded, AuditRecorder.ActorFor(name),
            new JsonObject { ["account"] = name }, new JsonObject { ["role"] = account.Role }, HttpContext.RequestAborted);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, account.Role)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
