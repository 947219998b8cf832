using System.Text.Json.Serialization;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Rendering;

namespace MarketContext.Web.Features.Charts;

public enum ChartMode { Rebased, Price, Percent }

/// <summary>Calendar time, or event time: each event's window aligned at its day 0.</summary>
public enum ChartView { Time, [JsonStringEnumMemberName("event-time")] EventTime }

/// <summary>The chart query of the public contract, parsed and bounded (from a validated <see cref="ChartQuery"/>).</summary>
public sealed record ChartRequest(
    IReadOnlyList<string>? Symbols,
    DateOnly From,
    DateOnly To,
    ChartMode Mode,
    bool Log,
    IReadOnlySet<string>? EventCategories,
    bool Annotations,
    int Width,
    int Height,
    int Scale,
    bool Download,
    ChartView View = ChartView.Time,
    IReadOnlyList<string>? EventIds = null,
    int Window = 10,
    bool Benchmark = false,
    bool Average = false,
    ChartTheme Theme = ChartTheme.Light,
    EventSetRef? EventSet = null,
    string? Company = null)
{
    public static readonly DateOnly DefaultFrom = new(2019, 1, 1);
    public static readonly DateOnly DefaultTo = new(2020, 6, 30);

    /// <summary>The ISO 4217 currency every listing is converted to; null: each in its own.</summary>
    public string? Currency { get; init; }

    /// <summary>Whether the view shows this category's events; no filter (null) shows every category of the set.</summary>
    public bool ShowsCategory(string category) => EventCategories?.Contains(category) ?? true;

    /// <summary>The prices as they were at a vintage or a time; null for the prices as they are now.</summary>
    public Prices.PriceAsOf? AsOf { get; init; }

    /// <summary>The annotation change seq the view draws the annotations at; null for the annotations as they are now.</summary>
    public long? AnnotationsAsOf { get; init; }
}
