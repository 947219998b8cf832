namespace MarketContext.Web.Http;

/// <summary>
/// <c>X-Content-Type-Options: nosniff</c> on every answer, and a Content-Security-Policy on every page: scripts and
/// styles only from the site itself (the pages have no inline script), live updates only to the site's own hubs.
/// Style attributes stay allowed: the category chips carry their colour as a CSS variable.
/// </summary>
public static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            response.Headers.XContentTypeOptions = "nosniff";
            if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                response.Headers.ContentSecurityPolicy = PagePolicy;
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
