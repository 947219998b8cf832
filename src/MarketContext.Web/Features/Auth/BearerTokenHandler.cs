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
        var user = await users.FindByTokenAsync(header["Bearer ".Length..].Trim());
        if (user is null)
        {
            _signIn.BearerTokenRefused(Context.Connection.RemoteIpAddress?.ToString());
        }
        return user is null
            ? AuthenticateResult.Fail("The token is not valid.")
            : AuthenticateResult.Success(new AuthenticationTicket(Principal(user, SchemeName), SchemeName));
    }

    public static ClaimsPrincipal Principal(User user, string scheme) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)],
        scheme));
}
