using System.Security.Claims;

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
        app.MapGet("/api/admin/audit", async (AuditLog audit) => Results.Ok(await audit.LatestAsync()))
            .WithTags("Auth").RequireAuthorization(AuthSetup.AdminPolicy);
        app.MapGet("/api/admin/users", async (UserStore users) => Results.Ok(await users.ListAsync()))
            .WithTags("Auth").RequireAuthorization(AuthSetup.AdminPolicy);
        return app;
    }
}
