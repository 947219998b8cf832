namespace MarketContext.Web.Features.Prices;

/// <summary>What the importer writes a file's bars through, inside its one transaction.</summary>
internal interface IPriceWriter : IAsyncDisposable
{
    int Inserted { get; }
    int Updated { get; }
    int Unchanged { get; }

    void Write(PriceBar bar);

    /// <summary>After the last bar of a file that was not refused.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}
