using System.Security.Claims;

namespace MarketContext.Web.Features.Auth;

/// <summary>Who a request is signed in as; Name is null when anonymous.</summary>
public sealed record SignedInAs(string? Name, string? Role, bool CanWrite);

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (ClaimsPrincipal user) => Results.Ok(new SignedInAs(
            user.Identity?.IsAuthenticated == true ? user.Identity.Name : null,
            user.FindFirstValue(ClaimTypes.Role),
            Roles.CanWrite(user)))).WithTags("Auth").AllowAnonymous()
            .WithSummary("Who the request is signed in as (name null when anonymous), its role, and whether it may write.")
            .Produces<SignedInAs>();
        app.MapGet("/api/admin/audit", async (AuditLog audit) => Results.Ok(await audit.LatestAsync()))
            .WithTags("Auth").RequireAuthorization(AuthSetup.AdminPolicy)
            .WithSummary("Admins: the latest 500 account and token changes (who, when, what), newest first.").Produces<IReadOnlyList<AuditEntry>>();
        app.MapGet("/api/admin/users", async (UserStore users) => Results.Ok(await users.ListAsync()))
            .WithTags("Auth").RequireAuthorization(AuthSetup.AdminPolicy)
            .WithSummary("Admins: every account with its role.").Produces<IReadOnlyList<Account>>();
        return app;
    }
}
