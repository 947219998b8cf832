using System.Globalization;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Features.Prices.Currencies;

namespace MarketContext.Web.Features.Charts;

/// <summary>How one listing of a chart came to be in the chart's currency, and which of its days had no rate.</summary>
public sealed record ListingConversion(string Symbol, FxRoute Route, int DaysWithoutRate, IReadOnlyList<DateOnly> FirstWithoutRate)
{
    public const int DatesNamed = 3;

    /// <summary>"ERIC-B.ST converted SEK→USD at USDSEK=X closes; 2 days without a rate dropped (2019-09-11, 2019-10-01)".</summary>
    public string Describe() => $"{Symbol} converted {Route.From}→{Route.To} at {Route.Rates} closes{Dropped()}";

    /// <summary>The same in fewer words, for a narrow picture.</summary>
    public string DescribeShortly() => $"{Symbol} {Route.From}→{Route.To} at {Route.Rates}{Dropped()}";

    private string Dropped()
    {
        if (DaysWithoutRate == 0)
        {
            return "";
        }
        var first = string.Join(", ", FirstWithoutRate.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var more = DaysWithoutRate > FirstWithoutRate.Count ? ", …" : "";
        return string.Create(CultureInfo.InvariantCulture, $"; {DaysWithoutRate:N0} day{(DaysWithoutRate == 1 ? "" : "s")} without a rate dropped ({first}{more})");
    }
}

/// <summary>The currency a chart shows every listing in, and the listings that were converted to it.</summary>
public sealed record ChartMoney(string Currency, IReadOnlyList<ListingConversion> Conversions);

/// <summary>
/// What a chart asked in one currency needs: each listing's route from its own currency, through the FX series
/// stored now. A listing whose currency is unknown, or no pair to join, is a refusal naming what to import.
/// </summary>
public sealed record CurrencyPlan(string Currency, IReadOnlyDictionary<string, FxRoute> Routes, IReadOnlyList<string> Refusals, string Key)
{
    /// <summary>The FX symbols the routes read.</summary>
    public IReadOnlyList<string> FxSymbols => [.. Routes.Values.SelectMany(r => r.Legs).Select(l => l.Symbol).Distinct()];

    public static async Task<CurrencyPlan> MakeAsync(string currency, IReadOnlyList<Instrument> listings,
        Func<IReadOnlyCollection<string>, Task<IReadOnlyDictionary<string, long>>> versionsOf)
    {
        var refusals = listings.Where(l => l.Currency is null)
            .Select(l => $"{l.Symbol} has no known currency: an editor sets it (PUT /api/series/{l.Symbol}/listing) before it can be converted.").ToList();
        var pairs = listings.Where(l => l.Currency is not null && l.Currency != currency).Select(l => l.Currency!).Distinct(StringComparer.Ordinal).ToList();
        var versions = await versionsOf([.. pairs.SelectMany(from => FxRoute.Candidates(from, currency)).Distinct()]);
        bool IsStored(string symbol) => versions.GetValueOrDefault(symbol) > 0;

        var byCurrency = new Dictionary<string, FxRoute>(StringComparer.Ordinal);
        foreach (var from in pairs)
        {
            if (FxRoute.Find(from, currency, IsStored) is { } route)
            {
                byCurrency[from] = route;
                continue;
            }
            var symbols = string.Join(", ", listings.Where(l => l.Currency == from).Select(l => l.Symbol));
            refusals.Add($"No FX series for {from}→{currency} is stored ({symbols} in {from}): import {FxRoute.Missing(from, currency, IsStored)}.");
        }
        var routes = listings.Where(l => l.Currency is { } c && byCurrency.ContainsKey(c)).ToDictionary(l => l.Symbol, l => byCurrency[l.Currency!], StringComparer.Ordinal);
        // An edited listing currency or a new import of a rate is a new picture.
        var key = $"{currency}|{string.Join(',', listings.Select(l => $"{l.Symbol}={l.Currency}"))}|{string.Join(',', versions.Where(v => v.Value > 0).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}:{v.Value}"))}";
        return new CurrencyPlan(currency, routes, refusals, key);
    }

    /// <summary>The listing's days in the chart's currency; unchanged when it is already in it.</summary>
    public ConvertedSeries Convert(string symbol, DateOnly[] dates, double[] values, IReadOnlyDictionary<string, FxRates> rates) =>
        Routes.TryGetValue(symbol, out var route)
            ? CurrencyConverter.Convert(dates, values, route, [.. route.Legs.Select(l => rates[l.Symbol])])
            : new ConvertedSeries(dates, values, []);
}
