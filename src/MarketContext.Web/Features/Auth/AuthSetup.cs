using System.Threading.RateLimiting;
using MarketContext.Web.Telemetry;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Auth;

/// <summary>
/// Browsers sign in with a name and password (cookie, antiforgery on every write); scripts send a bearer token.
/// Reads are anonymous unless <c>MarketContext:RequireSignInToRead</c> is true.
/// </summary>
public static class AuthSetup
{
    public const string EditorPolicy = "editor";
    public const string AdminPolicy = "admin";
    public const string LoginRateLimit = "login";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";
    private const string CookieOrBearer = "cookie-or-bearer";

    public static IServiceCollection AddAuth(this IServiceCollection services, MarketContextOptions settings)
    {
        services.AddSingleton<UserStore>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<FirstAdminSetup>();
        services.AddHostedService(sp => sp.GetRequiredService<FirstAdminSetup>());
        // Live connections: closed when their access ends, and opened only from this site's own pages.
        services.AddSingleton<LiveAccess>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveAccess>());
        services.Configure<HubOptions>(o => o.AddFilter<LiveAccess>());
        services.AddTransient<IStartupFilter, HubOrigins>();
        // Operable as several instances: one key ring in the shared database.
        services.AddSharedDataProtection(settings);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<WriteQuotas>();
        services.AddAuthentication(CookieOrBearer)
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/Login";
                o.AccessDeniedPath = "/Login";
                o.Cookie.Name = "marketcontext";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnValidatePrincipal = CookieSessions.ValidateAsync;
                // Machines get a status code, not a redirect to a sign-in form.
                o.Events.OnRedirectToLogin = context => IsApi(context.Request) ? Status(context.Response, 401) : Redirect(context);
                o.Events.OnRedirectToAccessDenied = context => IsApi(context.Request) ? Status(context.Response, 403) : Redirect(context);
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);

        // Idle time: a cookie not renewed by a request within it is refused; the absolute lifetime is CookieSessions'.
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<MarketContextOptions>>((o, settings) => o.ExpireTimeSpan = TimeSpan.FromMinutes(settings.Value.SessionIdleMinutes));

        services.AddAuthorization(o =>
        {
            o.AddPolicy(EditorPolicy, p => p.RequireRole(Roles.Editor, Roles.Admin));
            o.AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        });
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<MarketContextOptions>>((o, settings) =>
        {
            if (settings.Value.RequireSignInToRead)
            {
                o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            }
        });
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, context => context.Request.Method == HttpMethods.Post
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<IOptions<MarketContextOptions>>().Value.SignInAttemptsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                : RateLimitPartition.GetNoLimiter("read"));
        });
        // After every other setting of the refusal (its answer is the request limits'): a refused sign-in is a lockout.
        services.PostConfigure<RateLimiterOptions>(o =>
        {
            var answer = o.OnRejected;
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                if (rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == LoginRateLimit)
                {
                    rejected.HttpContext.RequestServices.GetRequiredService<MarketContextMetrics>().SignInLockedOut();
                }
                if (answer is not null)
                {
                    await answer(rejected, cancellationToken);
                }
            };
        });
        return services;
    }

    /// <summary>Writes need an editor; a browser's cookie session must also show the antiforgery token.</summary>
    public static TBuilder RequireEditor<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(EditorPolicy).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
            {
                try
                {
                    await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
                }
                catch (AntiforgeryValidationException)
                {
                    return Results.Problem(title: "Missing or invalid antiforgery token",
                        detail: $"A signed-in browser sends the page's token in the {AntiforgeryHeader} header with every write.",
                        statusCode: StatusCodes.Status400BadRequest);
                }
            }
            return await next(context);
        });

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
