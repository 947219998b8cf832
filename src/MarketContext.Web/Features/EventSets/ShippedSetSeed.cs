using MarketContext.Web.Features.Events;

namespace MarketContext.Web.Features.EventSets;

/// <summary>
/// At start-up, after the migrations: a database without the shipped set gets it, at version 1, from the catalogue.
/// The catalogue only seeds it: from then on the stored set is edited like any other. Instances starting together
/// on one database create it once (the slug is taken inside the writers' lock).
/// </summary>
public sealed class ShippedSetSeed(EventSetWriter writer) : IHostedService
{
    public const string Owner = "marketcontext";

    public async Task StartAsync(CancellationToken cancellationToken) =>
        await writer.CreateAsync(ShippedSet.Slug, new EventSetWriter.SetMeta(ShippedSet.Title, ShippedSet.Description, ShippedSet.Categories),
            Owner, null, [.. EventCatalogue.All.Select(ShippedSet.FromCatalogue)], "seeded", cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
