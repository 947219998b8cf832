using MarketContext.Web.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages;

/// <summary>
/// Admins: the accounts (change a role, remove, revoke a user's tokens) and the audit log. Every change asks for the
/// admin's own password again: a session left open, or a stolen cookie, cannot change accounts by itself.
/// </summary>
[Authorize(Policy = AuthSetup.AdminPolicy)]
public sealed class AdminModel(UserStore users, AuditLog audit, SignInThrottle throttle) : PageModel
{
    public IReadOnlyList<Account> Users { get; private set; } = [];
    public IReadOnlyList<TokenInfo> Tokens { get; private set; } = [];
    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];
    public string? Message { get; private set; }

    private string Actor => Roles.ActorOf(User);

    public Task OnGetAsync() => LoadAsync();

    /// <summary>The signed-in admin's own password, asked for again with every change.</summary>
    [BindProperty] public string? CurrentPassword { get; set; }

    public Task<IActionResult> OnPostRoleAsync(string name, string role) =>
        ChangeAsync(() => users.SetRoleAsync(name, role, Actor), $"{name} is now {role}; their open sessions have ended.");

    public Task<IActionResult> OnPostRemoveAsync(string name) =>
        ChangeAsync(() => users.RemoveAsync(name, Actor), $"Removed {name} and their tokens.");

    public Task<IActionResult> OnPostRevokeTokensAsync(string name) =>
        ChangeAsync(async () =>
        {
            foreach (var token in (await users.ListTokensAsync(name)).Where(t => t.RevokedAt is null))
            {
                await users.RevokeTokenAsync(token.Id, Actor);
            }
        }, $"Revoked every token of {name}.");

    private async Task<IActionResult> ChangeAsync(Func<Task> change, string done)
    {
        try
        {
            if (throttle.WaitFor(Actor) is not null)
            {
                throw new AccountException("Too many wrong passwords; wait a little and try again.");
            }
            if (await users.VerifyAsync(Actor, CurrentPassword ?? "") is null)
            {
                throttle.Failed(Actor);
                throw new AccountException("Nothing changed: enter your own password to confirm the change.");
            }
            await change();
            Message = done;
        }
        catch (AccountException e)
        {
            Message = e.Message;
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Users = await users.ListAsync();
        Tokens = await users.ListTokensAsync();
        Audit = await audit.LatestAsync(200);
    }
}
