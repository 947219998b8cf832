using MarketContext.Web.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages;

/// <summary>Admins: the accounts (change a role, remove, revoke a user's tokens) and the audit log.</summary>
[Authorize(Policy = AuthSetup.AdminPolicy)]
public sealed class AdminModel(UserStore users, AuditLog audit) : PageModel
{
    public IReadOnlyList<Account> Users { get; private set; } = [];
    public IReadOnlyList<TokenInfo> Tokens { get; private set; } = [];
    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];
    public string? Message { get; private set; }

    private string Actor => User.Identity?.Name ?? "";

    public Task OnGetAsync() => LoadAsync();

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
