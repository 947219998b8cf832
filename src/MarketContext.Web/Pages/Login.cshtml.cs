using MarketContext.Web.Features.Auth;
using MarketContext.Web.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MarketContext.Web.Pages;

[AllowAnonymous]
[EnableRateLimiting(AuthSetup.LoginRateLimit)]
public sealed class LoginModel(UserStore users, MarketContextMetrics metrics, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirm { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool FirstRun { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync() => FirstRun = await users.CountAsync() == 0;

    public async Task<IActionResult> OnPostAsync()
    {
        var verified = Name is null || Password is null ? null : await users.VerifyAsync(Name, Password);
        if (verified is not { } session)
        {
            logger.SignInFailed(Name, HttpContext.Connection.RemoteIpAddress?.ToString());
            metrics.SignInFailed();
            Message = "Wrong name or password.";
            return Page();
        }
        await CookieSessions.SignInAsync(HttpContext, session.User, session.Stamp);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    /// <summary>A new installation has no accounts: whoever opens it first creates the administrator.</summary>
    public async Task<IActionResult> OnPostSetupAsync()
    {
        FirstRun = await users.CountAsync() == 0;
        if (!FirstRun)
        {
            Message = "An administrator exists already; sign in instead.";
            return Page();
        }
        Message = UserStore.CheckName(Name) ?? UserStore.CheckPassword(Password) ?? (Password != Confirm ? "The two passwords differ." : null);
        if (Message is not null)
        {
            return Page();
        }
        if (await users.AddFirstAdminAsync(Name!, Password!) is not { } created)
        {
            // Someone else's form got there first: this visitor signs in like everyone else.
            FirstRun = false;
            Message = "An administrator was created a moment ago by someone else; sign in instead.";
            return Page();
        }
        await CookieSessions.SignInAsync(HttpContext, created.User, created.Stamp);
        return LocalRedirect("/");
    }

    public async Task<IActionResult> OnPostLogoutAsync()
    {
        if (CookieSessions.UserId(User) is { } id && User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
        {
            await users.EndSessionsAsync(id, User.Identity.Name ?? "");
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/");
    }
}
