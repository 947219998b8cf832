using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketContext.Benchmarks;

/// <summary>
/// The reference for the fan-out figure: a hub at the same route that does nothing but broadcast what is posted,
/// with no store, no validation and no sign-in. Run as its own process, as the dashboard is.
/// </summary>
public static class BareHub
{
    public sealed class AnnotationsHub : Hub;

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        var app = builder.Build();
        long seq = 0;
        app.MapGet("/healthz", () => Results.Ok());
        app.MapHub<AnnotationsHub>("/hubs/annotations");
        app.MapPost("/api/annotations", async (JsonElement body, IHubContext<AnnotationsHub> hub) =>
        {
            var next = Interlocked.Increment(ref seq);
            // The same message the dashboard sends: the stored annotation as the API returns it.
            var now = DateTime.UtcNow;
            var annotation = new
            {
                id = next,
                seq = next,
                date = body.GetProperty("date").GetString(),
                endDate = (string?)null,
                symbol = (string?)null,
                text = body.GetProperty("text").GetString(),
                author = "bench",
                createdAt = now,
                updatedAt = now,
            };
            await hub.Clients.All.SendAsync("annotationAdded", annotation);
            return Results.Created($"/api/annotations/{next}", annotation);
        });
        await app.RunAsync();
    }
}
