using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Auth;

/// <summary>
/// A cookie session carries the user's security stamp and its sign-in time. Every request checks both against
/// the database: sign-out, a role or password change and removal end the user's sessions on their next request,
/// copies of the cookie included, and no session outlives <c>MarketContext:SessionLifetimeHours</c>.
/// </summary>
public static class CookieSessions
{
    public const string StampClaim = "mc:stamp";
    public const string SignedInAtClaim = "mc:signed-in-at";

    public static Task SignInAsync(HttpContext context, User user, string stamp)
    {
        var principal = BearerTokenHandler.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(StampClaim, stamp));
        identity.AddClaim(new Claim(SignedInAtClaim, Now(context).ToString("O", CultureInfo.InvariantCulture)));
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var lifetime = TimeSpan.FromHours(context.HttpContext.RequestServices.GetRequiredService<IOptions<MarketContextOptions>>().Value.SessionLifetimeHours);
        if (principal is null
            || !long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id)
            || !DateTime.TryParse(principal.FindFirstValue(SignedInAtClaim), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
            || Now(context.HttpContext) - signedInAt > lifetime
            || await context.HttpContext.RequestServices.GetRequiredService<UserStore>().SessionAsync(id) is not { } session
            || session.Stamp != principal.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static DateTime Now(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    /// <summary>The signed-in user's id, from a cookie or a token.</summary>
    public static long? UserId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) ? id : null;
}
