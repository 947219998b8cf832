using System.Text.Encodings.Web;
using System.Text.Json;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.Prices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace MarketContext.Web.Pages;

public sealed class IndexModel(PriceQueries prices, SeriesRoles roles, PinnedEventSets sets, IOptions<HttpJsonOptions> json, IOptions<MarketContextOptions> options) : PageModel
{
    public IReadOnlyList<SeriesSummary> Series { get; private set; } = [];

    /// <summary>The vendors and the benchmark, as every page, chart and study sees them.</summary>
    public RoleMap Roles { get; private set; } = null!;

    /// <summary>The benchmark the chart overlays, when it has prices.</summary>
    public SeriesSummary? Benchmark { get; private set; }

    public IReadOnlyList<PolicyEvent> Events { get; private set; } = [];

    /// <summary>The event set the page shows, pinned to the version it was read at: the page's links carry <c>slug@version</c>.</summary>
    public PinnedEventSet EventSet { get; private set; } = null!;

    /// <summary>The series offered as checkboxes: the vendors and any the link asks for; the picker finds the others.</summary>
    public IReadOnlyList<SeriesSummary> Choices { get; private set; } = [];

    public bool HasPrices => Series.Any(s => s.Count > 0);

    /// <summary>The series a new database starts with: the configured vendors and benchmark.</summary>
    public string DefaultSeries => string.Join(",", options.Value.Vendors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append(options.Value.Benchmark));

    /// <summary>
    /// The series and events the page was rendered with, as <c>/api/series</c> and <c>/api/events</c> answer them,
    /// and the vendors and the benchmark, for the page's scripts. The default encoder writes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> as <c>\u003C</c>…, so no
    /// text can close the script element that holds it.
    /// </summary>
    public string PageData { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var askedSet = EventSetRef.Parse(Request.Query[EventSetRef.Field]);
        var (set, refusal) = askedSet is null ? (null, null) : await sets.PinAsync(askedSet, cancellationToken);
        if (set is null)
        {
            // The message names the set as given; a text answer is never read as markup.
            var message = refusal?.Message ?? "eventSet must be a set's slug, optionally with @version.";
            return new ContentResult { StatusCode = StatusCodes.Status404NotFound, Content = message, ContentType = "text/plain; charset=utf-8" };
        }
        EventSet = set;
        var all = await prices.SeriesAsync(cancellationToken);
        Roles = await roles.CurrentAsync(cancellationToken);
        Series = [.. all.Where(s => s.Count > 0)];
        Benchmark = Series.FirstOrDefault(s => s.Symbol == Roles.Benchmark);
        var asked = Request.Query["symbols"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        Choices = [.. Series.Where(s => s.Symbol != Roles.Benchmark && (Roles.Vendors.Contains(s.Symbol) || asked.Contains(s.Symbol)))];
        Events = set.Events;
        var options = new JsonSerializerOptions(json.Value.SerializerOptions) { Encoder = JavaScriptEncoder.Default };
        PageData = JsonSerializer.Serialize(new { series = all, events = Events, vendors = Roles.Vendors, benchmark = Benchmark?.Symbol, eventSet = set.Key }, options);
        return Page();
    }

    /// <summary>A category's colour for its chip: the palette's class has the shipped ones (with their dark shades), a set's own come inline.</summary>
    public static string? ChipStyle(EventCategory category) => EventCategories.All.Contains(category) ? null : $"--chip: {category.Color}";

    public static string When(PolicyEvent e) => e switch
    {
        { Date: null } => "undated",
        { Precision: "month", Date: { } d } => d.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        { EndDate: { } end, Date: { } d } => $"{d:yyyy-MM-dd} – {end:yyyy-MM-dd}",
        { Date: { } d } => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}
