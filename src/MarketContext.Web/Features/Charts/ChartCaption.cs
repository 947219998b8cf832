namespace MarketContext.Web.Features.Charts;

/// <summary>The words around a chart: its title, its y axis, and the caption that makes a downloaded picture explain itself.</summary>
public static class ChartCaption
{
    internal const float TitleFontSize = 14;
    internal const float CaptionFontSize = 10;

    /// <summary>The title, shortened on a narrow picture; <paramref name="width"/> measures text in the title's font.</summary>
    internal static string Title(ChartData data, ChartOptions options, ChartRenderer.Frame frame, Func<string, double> width)
    {
        var names = data.Series.Count == 0 ? "No prices loaded" : string.Join(" vs ", data.Series.Where(s => !s.IsBenchmark).Select(s => s.Name));
        var how = options.Mode switch
        {
            ChartMode.Rebased => ", rebased to 100",
            ChartMode.Percent => ", % change",
            _ => "",
        };
        how += In(data);
        var full = $"{names}{how} · {frame.From:yyyy-MM-dd} to {frame.To:yyyy-MM-dd}";
        // A phone-width picture gets the symbols and the dates alone rather than a title cut at both ends.
        var room = options.Width - 16;
        if (width(full) <= room || data.Series.Count == 0)
        {
            return full;
        }
        var symbols = string.Join(" vs ", data.Series.Where(s => !s.IsBenchmark).Select(s => s.Symbol));
        var shorter = $"{symbols}{how} · {frame.From:yyyy-MM-dd} – {frame.To:yyyy-MM-dd}";
        return width(shorter) <= room ? shorter : $"{symbols} · {frame.From:yyyy-MM-dd} – {frame.To:yyyy-MM-dd}";
    }

    internal static string YAxisName(ChartOptions options, ChartData data) => (options.Mode switch
    {
        ChartMode.Rebased => "Rebased (start = 100)" + In(data),
        ChartMode.Percent => "Change since start (%)" + In(data),
        _ => $"Price ({PriceCurrency(data)})",
    }) + (options.Log ? ", log" : "");

    /// <summary>", in USD" when the chart converts every listing to one currency; nothing when each is in its own.</summary>
    internal static string In(ChartData data) => data.Money is { } money ? $", in {money.Currency}" : "";

    /// <summary>The currency of a price axis: the one asked for, the one all listings share, or plainly that they differ.</summary>
    private static string PriceCurrency(ChartData data)
    {
        var currencies = data.Series.Select(s => s.Currency).Distinct().ToList();
        return data.Money?.Currency ?? (currencies is [{ } one] ? one : currencies.Count > 1 ? "each listing's own currency" : "currency unknown");
    }

    /// <summary>How the listings came to be in one currency, or null when each is in its own; never left out of a caption.</summary>
    internal static (string Full, string Short)? Money(ChartData data) => data.Money switch
    {
        null => null,
        { Conversions.Count: 0 } m => ($"all in {m.Currency}, none converted", $"all in {m.Currency}"),
        var m => (string.Join("; ", m.Conversions.Select(c => c.Describe())), string.Join("; ", m.Conversions.Select(c => c.DescribeShortly()))),
    };

    /// <summary>
    /// The line under the chart that makes a downloaded picture explain itself: data source and last date, the
    /// events, the parameters. On a narrow picture it falls back to a shorter wording rather than being cut.
    /// </summary>
    internal static string Caption(ChartData data, ChartOptions options, Func<string, double> width, string? view = null)
    {
        var through = data.PricesLastDate is { } last ? $" through {last:yyyy-MM-dd}" : "";
        var basis = options.Mode == ChartMode.Price ? "close" : "adjusted close";
        var how = options.Mode.ToString().ToLowerInvariant() + (options.Log ? ", log scale" : "");
        var events = view ?? (data.EventSet is { IsShipped: false } set
            ? $"{data.Events.Count} events ({options.EventSet}) of the set {set.Title} ({set.Key}) on their first-public day"
            : $"{data.Events.Count} events ({options.EventSet}) of the WSJ article of 2020-04-09 on their first-public day");
        (string Full, string Short) money = Money(data) is { } m ? ($" · {m.Full}", $" · {m.Short}") : ("", "");
        var full = $"Daily {basis}, {Sources(data)}{through}{money.Full} · {events} · {how} · MarketContext";
        if (width(full) <= options.Width - 16)
        {
            return full;
        }
        var shortEvents = view ?? (data.EventSet is { IsShipped: false } pinned ? $"{data.Events.Count} events, {pinned.Key}" : $"{data.Events.Count} events, WSJ 2020-04-09");
        var producers = ShortSources(data);
        // The conversion is said in full for as long as it fits: it changes what every number means.
        var shorter = new[]
        {
            $"{producers}{through}{money.Full} · {shortEvents} · {how}", $"{producers}{through}{money.Full} · {how}",
            $"{producers}{through}{money.Short} · {shortEvents} · {how}",
        };
        return shorter.FirstOrDefault(text => width(text) <= options.Width - 16) ?? $"{producers}{through}{money.Short} · {how}";
    }

    /// <summary>
    /// Who produced each series and the date of the vintage it is read at, series of one producer and date together:
    /// <c>ERIC, NOK: Yahoo Finance, vintage 2026-03-02</c>. A series stored before vintages were kept says so.
    /// </summary>
    internal static string Sources(ChartData data)
    {
        var origins = (data.Origins ?? []).ToDictionary(o => o.Symbol, StringComparer.Ordinal);
        var groups = data.Series
            .GroupBy(s => origins.TryGetValue(s.Symbol, out var o) ? $"{o.ProducerName}, vintage {o.ImportedAt:yyyy-MM-dd}" : "source not recorded")
            .Select(g => $"{string.Join(", ", g.Select(s => s.Symbol))}: {g.Key}");
        return data.Series.Count == 0 ? "no prices" : string.Join("; ", groups);
    }

    /// <summary>The producers alone, with the latest vintage date, for a narrow picture.</summary>
    private static string ShortSources(ChartData data)
    {
        var origins = data.Origins ?? [];
        if (origins.Count == 0)
        {
            return "source not recorded";
        }
        return $"{string.Join(" + ", origins.Select(o => o.ProducerName).Distinct())}, vintage {origins.Max(o => o.ImportedAt):yyyy-MM-dd}";
    }
}
