namespace MarketContext.Web.Features.Health;

/// <summary>Set once the database is migrated and the start-up import has finished.</summary>
public sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (Readiness readiness) => readiness.IsReady
            ? Results.Ok(new { status = "ready" })
            : Results.Json(new { status = "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous();
        return app;
    }
}
