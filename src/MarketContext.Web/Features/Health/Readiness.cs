namespace MarketContext.Web.Features.Health;

/// <summary>How far start-up has come: the database migrated, then the start-up import finished.</summary>
public sealed class Readiness
{
    private volatile bool _migrated;
    private volatile bool _ready;

    public bool IsMigrated => _migrated;

    /// <summary>Migrated and the start-up import finished.</summary>
    public bool IsReady => _ready;

    public void MarkMigrated() => _migrated = true;

    public void MarkReady()
    {
        _migrated = true;
        _ready = true;
    }
}
