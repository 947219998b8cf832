using System.Text;
using System.Text.Json;
using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.EventStudy.Aggregate;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using MarketContext.Web.Rendering;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// A view frozen for publishing: the query with its pins written in, the pins, the alternative text its data gives,
/// and its outputs, drawn once from the pinned query with the publisher's furniture.
/// </summary>
public sealed record FrozenView(string PinnedQuery, PublicationPins Pins, string AltText, Func<PublicationFurniture, DateTime, IReadOnlyList<PublicationOutput>> Draw);

/// <summary>
/// Reads a view's query as its own route does, pins what the picture depends on, and draws every format of it with
/// the renderers the live routes use: the chart (time and event time), one study, the study across events.
/// </summary>
public sealed partial class PublishedViews(Db db, ChartDataLoader loader, PinnedEventSets sets, PriceVintages vintages, AnnotationStore annotations,
    SeriesRoles roles, PriceQueries prices, EventStudyService studies, AggregateService aggregates, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <summary>What drew a publication: our drawing code's own version and the plotting library's. Moved when either draws otherwise.</summary>
    public static readonly string RendererVersion = $"1/ScottPlot {typeof(ScottPlot.Plot).Assembly.GetName().Version}";

    private static readonly ChartTheme[] Themes = [ChartTheme.Light, ChartTheme.Dark];

    private const string LatestVintageSql = "select coalesce(max(id), 0) from price_vintages";

    public Task<(FrozenView? View, IResult? Refusal)> FreezeAsync(PublicationKind kind, string query, CancellationToken cancellationToken) => kind switch
    {
        PublicationKind.Chart or PublicationKind.EventTime => ChartAsync(kind, query, cancellationToken),
        PublicationKind.Study => StudyAsync(query, cancellationToken),
        _ => AggregateAsync(query, cancellationToken),
    };

    private async Task<(FrozenView?, IResult?)> ChartAsync(PublicationKind kind, string text, CancellationToken cancellationToken)
    {
        var (query, errors) = PublishedQuery.Parse(text, typeof(ChartQuery));
        var asked = PublishedQuery.Read<ChartQuery>(query, errors);
        if (asked is not null && (kind == PublicationKind.EventTime) != (asked.ToRequest().View == ChartView.EventTime))
        {
            errors.Add(new(kind == PublicationKind.EventTime ? "kind event-time publishes a query with view=event-time." : "kind chart publishes the time view; use kind event-time for view=event-time.",
                Field: "kind"));
        }
        if (errors.Count > 0)
        {
            return (null, PublishedQuery.Refused(errors));
        }
        var (pinnedText, pins, refusal) = await PinAsync(query, [asked!], cancellationToken);
        if (refusal is not null)
        {
            return (null, refusal);
        }
        var (pinnedQuery, again) = PublishedQuery.Parse(pinnedText, typeof(ChartQuery));
        var pinnedView = PublishedQuery.Read<ChartQuery>(pinnedQuery, again);
        if (pinnedView is null)
        {
            return (null, PublishedQuery.Refused(again));
        }
        var (request, refused) = await loader.PinAsync(pinnedView.ToRequest(), cancellationToken);
        if (request is null)
        {
            return (null, refused);
        }
        if (await loader.AsOfRefusalAsync(request, cancellationToken) is { } badAsOf)
        {
            return (null, Problems.Validation("query.asOf", badAsOf));
        }
        if ((await loader.CheckAsync(request, cancellationToken)).CurrencyRefusal is { } badCurrency)
        {
            return (null, Problems.Validation("query.currency", badCurrency));
        }
        var (data, missing) = await loader.LoadAsync(request, cancellationToken);
        if (missing.Count > 0)
        {
            return (null, Problems.NotFound($"Not loaded or not in the catalogue: {string.Join(", ", missing)}."));
        }
        var alt = request.View == ChartView.EventTime
            ? AltText.ForEventTime([.. data.Series.Select(s => (s.Symbol, s.Name))], [.. (data.SelectedEvents ?? []).Select(e => $"{e.Id} {e.Label}")], request.Window, request.Average)
            : ChartAlt(data, request);
        return (new FrozenView(pinnedText, pins, alt, (furniture, at) => DrawChart(data, request, furniture, at)), null);
    }

    private static string ChartAlt(ChartData data, ChartRequest request)
    {
        var shown = data.Series.Where(s => s.Values.Length > 0).ToList();
        var (from, to) = shown.Count == 0 ? (request.From, request.To) : (shown.Min(s => s.Dates[0]), shown.Max(s => s.Dates[^1]));
        return AltText.ForChart([.. shown.Select(s => new AltText.SeriesChange(s.Symbol, s.Name, s.Values[0], s.Values[^1]))], from, to,
            request.Mode == ChartMode.Price ? "close" : "adjusted close");
    }

    private IReadOnlyList<PublicationOutput> DrawChart(ChartData data, ChartRequest request, PublicationFurniture furniture, DateTime at)
    {
        var outputs = new List<PublicationOutput>();
        foreach (var theme in Themes)
        {
            using var picture = ChartRenderer.Render(data, ChartOptions.Of(request with { Theme = theme }, data.EventSet?.Categories));
            AddPictures(outputs, picture, theme, furniture);
            if (theme == ChartTheme.Light)
            {
                outputs.Add(Csv(picture.ToCsv()));
                object answer = request.View == ChartView.EventTime
                    ? new { layout = picture.Layout, table = picture.Table }
                    : new { layout = picture.Layout, values = ChartReadings.Values(data, ChartOptions.Of(request)) };
                outputs.Add(Json(answer));
            }
        }
        using (var printed = ChartRenderer.Render(data, ChartOptions.Of(request with { Theme = ChartTheme.Light, Width = PrintWidth, Height = PrintHeight(request.Width, request.Height) }, data.EventSet?.Categories)))
        {
            outputs.Add(Pdf(printed, furniture, at, null));
        }
        return outputs;
    }

    /// <summary>
    /// The pins of a view asked with <paramref name="query"/>: the prices at the vintage its asOf names or the newest,
    /// its event set at the version named or the current one, the annotations at the last seq. Written into the
    /// query where the view's routes read them.
    /// </summary>
    private async Task<(string PinnedQuery, PublicationPins Pins, IResult? Refusal)> PinAsync(IQueryCollection query, IReadOnlyList<object> requests,
        CancellationToken cancellationToken)
    {
        long vintage;
        QueryAsOf.TryParse(query[PublishedQuery.AsOf].ToString(), null, out var asOf);
        if (query.ContainsKey(PublishedQuery.AsOf) && PriceAsOfText.Of(asOf) is { } at)
        {
            var (resolved, refusal) = await vintages.ResolveAsync(at, cancellationToken);
            if (refusal is not null)
            {
                return ("", null!, Problems.Validation("query.asOf", refusal));
            }
            vintage = resolved;
        }
        else
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            vintage = await connection.ExecuteScalarAsync<long>(LatestVintageSql);
        }
        var (set, unknownSet) = await sets.PinAsync(EventSetRef.Parse(query[PublishedQuery.EventSet].ToString()) ?? EventSetRef.Shipped, cancellationToken);
        if (set is null)
        {
            return ("", null!, PinnedEventSets.Refused(unknownSet!));
        }
        var seq = await annotations.LastSeqAsync(cancellationToken);
        var eventSet = $"{set.Slug}@{set.Version}";
        var written = new Dictionary<string, string>
        {
            [PublishedQuery.EventSet] = eventSet,
            [PublishedQuery.AnnotationsAsOf] = seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // Prices stored before vintages were kept have none to name: the query then reads them as they are.
        if (vintage > 0)
        {
            written[PublishedQuery.AsOf] = vintage.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return (PublishedQuery.Pinned(requests, written), new PublicationPins(vintage, eventSet, seq, RendererVersion), null);
    }

    // The printed page's chart is laid out narrower than the screen's, so its labels print at a readable size.
    private const int PrintWidth = PublicationPdf.ChartLayoutWidth;

    private static int PrintHeight(int width, int height) => Math.Max(200, PrintWidth * height / width);

    /// <summary>The PNG and SVG of one theme, with the publisher's words in the picture.</summary>
    private static void AddPictures(List<PublicationOutput> outputs, ChartPicture picture, ChartTheme theme, PublicationFurniture furniture)
    {
        Furnish(picture, furniture);
        var name = theme == ChartTheme.Dark ? "dark" : "light";
        outputs.Add(new PublicationOutput("png", name, "image/png", picture.ToPng()));
        outputs.Add(new PublicationOutput("svg", name, "image/svg+xml", Encoding.UTF8.GetBytes(picture.ToSvg())));
    }

    /// <summary>
    /// The one-page PDF: the light picture laid out for print, the furniture, and the study's table when there is one.
    /// The page sets the publisher's words around the chart, so the printed chart keeps its own title and caption.
    /// </summary>
    private static PublicationOutput Pdf(ChartPicture printed, PublicationFurniture furniture, DateTime at, PdfTable? table) =>
        new("pdf", "", "application/pdf", PublicationPdf.Write(printed, furniture, at, table));

    private static void Furnish(ChartPicture picture, PublicationFurniture furniture)
    {
        var caption = picture.Plot.Axes.Bottom.Label.Text;
        var source = furniture.Source is { } named ? $"Source: {named}" : caption;
        picture.Furnish(furniture.Title, furniture.Byline is { } byline ? $"{source} · {byline}" : source, furniture.AltText);
    }

    private static PublicationOutput Csv(string text) => new("csv", "", "text/csv", Encoding.UTF8.GetBytes(text));

    private PublicationOutput Json(object answer) => new("json", "", "application/json", JsonSerializer.SerializeToUtf8Bytes(answer, json.Value.SerializerOptions));
}
