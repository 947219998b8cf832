using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Prices;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Pages;

/// <summary>Bring price files in, or refresh a series from the online source; editors only may write.</summary>
public sealed class ImportModel(PriceQueries prices, IOptions<MarketContextOptions> options) : PageModel
{
    public IReadOnlyList<SeriesSummary> Series { get; private set; } = [];

    public bool CanWrite => Roles.CanWrite(User);

    public long MaxImportBytes => options.Value.MaxImportBytes;

    public string SourceName => options.Value.PriceSource.IsStooq ? "Stooq" : "Yahoo Finance";

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Series = [.. (await prices.SeriesAsync(cancellationToken)).Where(s => s.Count > 0)];
}
