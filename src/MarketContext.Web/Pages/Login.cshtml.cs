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
public sealed class LoginModel(UserStore users, SignInThrottle throttle, FirstAdminSetup setup, MarketContextMetrics metrics, ILogger<LoginModel> logger) : PageModel
{
    // Wrong setup codes are counted like wrong passwords, under a name no account can have (names have no spaces).
    private const string SetupAttempts = "setup code";

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirm { get; set; }
    [BindProperty] public string? SetupCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool FirstRun { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync() => FirstRun = await users.CountAsync() == 0;

    public async Task<IActionResult> OnPostAsync()
    {
        if (Refused(Name ?? "") is { } refused)
        {
            return refused;
        }
        var verified = Name is null || Password is null ? null : await users.VerifyAsync(Name, Password);
        if (verified is not { } session)
        {
            throttle.Failed(Name ?? "");
            logger.SignInFailed(Name, HttpContext.Connection.RemoteIpAddress?.ToString());
            metrics.SignInFailed();
            Message = "Wrong name or password.";
            return Page();
        }
        throttle.Succeeded(session.User.Name);
        await CookieSessions.SignInAsync(HttpContext, session.User, session.Stamp);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    /// <summary>A new installation has no accounts: whoever shows the setup code the server printed creates the administrator.</summary>
    public async Task<IActionResult> OnPostSetupAsync()
    {
        FirstRun = await users.CountAsync() == 0;
        if (!FirstRun)
        {
            Message = "An administrator exists already; sign in instead.";
            return Page();
        }
        if (Refused(SetupAttempts) is { } refused)
        {
            return refused;
        }
        if (!setup.Matches(SetupCode))
        {
            throttle.Failed(SetupAttempts);
            logger.SignInFailed("(setup code)", HttpContext.Connection.RemoteIpAddress?.ToString());
            Message = "That is not the setup code this server printed to its console and log when it started.";
            return Page();
        }
        Message = UserStore.CheckName(Name) ?? UserStore.CheckPassword(Password) ?? (Password != Confirm ? "The two passwords differ." : null);
        if (Message is not null)
        {
            return Page();
        }
        if (await users.AddFirstAdminAsync(Name!, Password!, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "an unknown address") is not { } created)
        {
            // Someone else's form got there first: this visitor signs in like everyone else.
            FirstRun = false;
            Message = "An administrator was created a moment ago by someone else; sign in instead.";
            return Page();
        }
        await CookieSessions.SignInAsync(HttpContext, created.User, created.Stamp);
        return LocalRedirect("/");
    }

    /// <summary>The page with a 429 while the name waits out its back-off after repeated wrong guesses.</summary>
    private PageResult? Refused(string name)
    {
        if (throttle.WaitFor(name) is not { } wait)
        {
            return null;
        }
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Message = $"Too many wrong attempts; try again in {seconds} s.";
        return Page();
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
