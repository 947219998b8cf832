namespace MarketContext.Web.Http;

/// <summary>
/// <c>X-Content-Type-Options: nosniff</c> on every answer, and a Content-Security-Policy on every page: scripts and
/// styles only from the site itself, live updates only to the site's own hubs. The one inline script a page may run
/// is its import map, allowed by its hash (<see cref="ModuleImportMap"/>); any other inline script is refused.
/// Style attributes stay allowed: the category chips carry their colour as a CSS variable.
/// </summary>
public static class SecurityHeaders
{
    public static string PagePolicy(string? importMapSource) =>
        $"default-src 'self'; script-src 'self'{(importMapSource is null ? "" : " " + importMapSource)}; style-src 'self'; style-src-attr 'unsafe-inline'; " +
        "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            response.Headers.XContentTypeOptions = "nosniff";
            if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                // By now routing has chosen the page, and with it the import map the page carries.
                response.Headers.ContentSecurityPolicy = PagePolicy(ModuleImportMap.ScriptSource(context));
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
