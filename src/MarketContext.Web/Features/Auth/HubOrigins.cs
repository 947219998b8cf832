namespace MarketContext.Web.Features.Auth;

/// <summary>
/// Browsers send the page's origin with every WebSocket and cross-site request but do not stop a page elsewhere
/// from opening a socket here with this site's cookies. A hub request (negotiation or connection) whose
/// <c>Origin</c> is another host than the one asked for is refused; clients that send no Origin (scripts) pass.
/// Compared by host and port only: a TLS-terminating proxy changes the scheme the app sees.
/// </summary>
public sealed class HubOrigins : IStartupFilter
{
    public const string HubsPath = "/hubs";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextStep) => context.Request.Path.StartsWithSegments(HubsPath) && !IsSameHost(context.Request)
            ? Results.Problem(title: "Cross-site connection refused",
                detail: "A live connection is accepted only from pages of this site (the Origin header names another).",
                statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context)
            : nextStep(context));
        next(app);
    };

    public static bool IsSameHost(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
