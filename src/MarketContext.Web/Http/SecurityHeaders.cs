namespace MarketContext.Web.Http;

/// <summary>
/// <c>X-Content-Type-Options: nosniff</c> on every answer, and a Content-Security-Policy on every page: scripts and
/// styles only from the site itself, live updates only to the site's own hubs. The one inline script a page may run
/// is its import map, allowed by its hash (<see cref="ModuleImportMap"/>); any other inline script is refused.
/// Style attributes stay allowed: the category chips carry their colour as a CSS variable.
/// </summary>
public static class SecurityHeaders
{
    public static string PagePolicy(string? importMapSource, string frameAncestors = "'none'") =>
        $"default-src 'self'; script-src 'self'{(importMapSource is null ? "" : " " + importMapSource)}; style-src 'self'; style-src-attr 'unsafe-inline'; " +
        $"img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {frameAncestors}";

    /// <summary>
    /// A picture opened on its own is a document: its styles are its own inline ones, and it may load or run nothing.
    /// </summary>
    public const string SvgPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    /// <summary>No address of ours is handed to other sites, and no page asks for the browser's devices.</summary>
    public const string ReferrerPolicy = "no-referrer", PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    /// <remarks>The embeds' framing setting is read here, at start, so a bad one stops the start (<see cref="EmbedFraming"/>).</remarks>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var embedSources = EmbedFraming.Parse(app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<MarketContextOptions>>().Value.Embed.FrameAncestors);
        return app.Use((context, next) => Headers(context, next, embedSources));
    }

    private static Task Headers(HttpContext context, RequestDelegate next, string embedSources)
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Referrer-Policy"] = ReferrerPolicy;
            response.Headers["Permissions-Policy"] = PermissionsPolicy;
            if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                // By now routing has chosen the page, and with it the import map the page carries.
                var frameAncestors = EmbedFraming.FrameAncestors(context, embedSources);
                response.Headers.ContentSecurityPolicy = PagePolicy(ModuleImportMap.ScriptSource(context), frameAncestors);
                if (frameAncestors != "'none'")
                {
                    // Antiforgery writes SAMEORIGIN on any page that makes a token; an embed's own policy says who may frame it.
                    response.Headers.XFrameOptions = default;
                }
            }
            else if (response.ContentType?.StartsWith("image/svg+xml", StringComparison.OrdinalIgnoreCase) == true)
            {
                response.Headers.ContentSecurityPolicy = SvgPolicy;
            }
            // Users, tokens and the audit log stay out of every cache, the browser's included.
            if (context.Request.Path.StartsWithSegments("/Admin", StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.StartsWithSegments("/api/admin", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
