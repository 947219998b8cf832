using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MarketContext.Web.Features.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (ClaimsPrincipal user) => Results.Ok(new
        {
            name = user.Identity?.IsAuthenticated == true ? user.Identity.Name : null,
            role = user.FindFirstValue(ClaimTypes.Role),
            canWrite = Roles.CanWrite(user),
        })).WithTags("Auth").AllowAnonymous();
        return app;
    }

    public static Task SignInAsync(HttpContext context, User user) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            BearerTokenHandler.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
}
