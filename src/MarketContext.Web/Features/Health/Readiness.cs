namespace MarketContext.Web.Features.Health;

/// <summary>Set once the database is migrated and the start-up import has finished.</summary>
public sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
