using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Web.Accounts;
using Athar.Web.Audit;
using Athar.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Athar.Web.Pages.Admin;

/// <summary>
/// Account administration, admin only: list, create, change role, lock and unlock. Each change is made, then
/// recorded in the custody ledger (<c>account-created</c>, <c>account-changed</c>); if the event cannot be
/// recorded the change is undone, so no change goes unaudited. An admin cannot change or lock their own account
/// here, so that the last admin cannot lock everyone out by mistake.
/// </summary>
[Authorize(Policy = Policies.Accounts)]
public sealed class AccountsModel(AccountStore accounts, AuditRecorder audit, TimeProvider time) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Password { get; set; }

    public IReadOnlyList<Account> Accounts { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public string Self { get; private set; } = "";

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var name = (Name ?? "").Trim().ToLowerInvariant();
        var role = Role ?? "";
        try
        {
            accounts.Create(name, role, Password ?? "");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return Fail(e.Message);
        }
        try
        {
            await audit.RecordAsync(CustodyEventTypes.AccountCreated, Viewer.From(User).Actor, new JsonObject { ["account"] = name },
                new JsonObject { ["role"] = role, ["secondFactor"] = "none" }, HttpContext.RequestAborted);
        }
        catch
        {
            accounts.Delete(name); // no account without its custody event
            throw;
        }
        return Done($"Created {name} ({role}). Give them the password by a separate, safe channel.");
    }

    public async Task<IActionResult> OnPostRoleAsync()
    {
        if (Target() is not { } account) return Fail(Error!);
        var role = Role ?? "";
        if (!Roles.IsKnown(role)) return Fail($"'{role}' is not a role.");
        if (role == account.Role) return Done($"{account.Name} already has the role {role}.");
        accounts.ChangeRole(account.Name, role);
        await RecordOrUndo(account.Name, new JsonObject { ["change"] = "role", ["from"] = account.Role, ["to"] = role },
            () => accounts.ChangeRole(account.Name, account.Role));
        return Done($"{account.Name} is now {role}; their open sessions end at their next request.");
    }

    public async Task<IActionResult> OnPostLockAsync()
    {
        if (Target() is not { } account) return Fail(Error!);
        accounts.Lock(account.Name);
        await RecordOrUndo(account.Name, new JsonObject { ["change"] = "locked" }, () => accounts.Unlock(account.Name));
        return Done($"{account.Name} is locked until an admin unlocks it; their open sessions end at their next request.");
    }

    public async Task<IActionResult> OnPostUnlockAsync()
    {
        if (Target() is not { } account) return Fail(Error!);
        accounts.Unlock(account.Name);
        await RecordOrUndo(account.Name, new JsonObject { ["change"] = "unlocked" }, () => { if (account.LockedByAdmin) accounts.Lock(account.Name); });
        return Done($"{account.Name} is unlocked.");
    }

    /// <summary>The account named in the form, if it exists and is not the admin's own.</summary>
    private Account? Target()
    {
        var name = (Name ?? "").Trim();
        if (name == Viewer.From(User).Name) { Error = "You cannot change your own account here; ask another admin."; return null; }
        if (accounts.Find(name) is not { } account) { Error = $"No account named '{name}'."; return null; }
        return account;
    }

    private async Task RecordOrUndo(string name, JsonObject details, Action undo)
    {
        try
        {
            await audit.RecordAsync(CustodyEventTypes.AccountChanged, Viewer.From(User).Actor, new JsonObject { ["account"] = name }, details, HttpContext.RequestAborted);
        }
        catch
        {
            undo();
            throw;
        }
    }

    private PageResult Done(string message)
    {
        Message = message;
        Load();
        return Page();
    }

    private PageResult Fail(string error)
    {
        Error = error;
        Load();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void Load()
    {
        Accounts = accounts.All();
        Now = time.GetUtcNow();
        Self = Viewer.From(User).Name;
        Password = null;
    }
}
