using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Auth;

/// <summary>Scripts authenticate with <c>Authorization: Bearer &lt;token&gt;</c> from <c>tokens create</c>.</summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserStore users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    // The handler's own category carries the framework's per-request chatter; refused tokens are the operator's business.
    private readonly ILogger _signIn = logger.CreateLogger("MarketContext.Web.Features.Auth.SignIn");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = header["Bearer ".Length..].Trim();
        var user = await users.FindByTokenAsync(token);
        if (user is null)
        {
            _signIn.BearerTokenRefused(Context.Connection.RemoteIpAddress?.ToString());
        }
        if (user is null)
        {
            return AuthenticateResult.Fail("The token is not valid.");
        }
        // Which token let the request in, by its hash: a live connection opened with it ends when it is revoked.
        var principal = Principal(user, SchemeName);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(LiveAccess.TokenClaim, UserStore.Hash(token)));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    public static ClaimsPrincipal Principal(User user, string scheme) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)],
        scheme));
}
