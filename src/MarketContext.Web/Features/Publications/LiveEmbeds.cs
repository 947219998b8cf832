using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// What an embed shows around its picture, and where the picture and the view live. <see cref="PictureQuery"/> is the
/// chart routes' query without a theme; <see cref="Theme"/> is light, dark, or null for the reader's system's choice.
/// <see cref="LiveFrom"/>–<see cref="LiveTo"/> are the days whose annotations the picture draws (null: it draws none,
/// so nothing about it is live); <see cref="Seq"/>: the annotation change the page was made at.
/// </summary>
public sealed record EmbedView(
    string Title, string Caption, string AltText, string PictureQuery, int Width, int Height, string? Theme, string ViewUrl,
    DateOnly? LiveFrom = null, DateOnly? LiveTo = null, long? Seq = null, string? FrozenAt = null)
{
    public string PngUrl(string? theme) => $"/api/chart.png?{PictureQuery}{(theme is null ? "" : "&theme=" + theme)}";
}

/// <summary>A query an embed cannot show: the message a reader sees, and the status; as problem details for the API.</summary>
public sealed record EmbedRefusal(string Message, int Status, IResult Problem)
{
    public static EmbedRefusal Field(string field, string message) => new(message, StatusCodes.Status400BadRequest, Problems.Validation(field, message));
}

/// <summary>
/// Reads a live embed's query as the chart routes read theirs (the same record, keys and rules, and the same checks of
/// the event set, the currency, <c>asOf</c> and the series), plus <c>theme=auto</c>, which only a page can honour.
/// </summary>
public sealed class LiveEmbeds(ChartDataLoader loader, AnnotationStore store)
{
    private static readonly IReadOnlySet<string> Keys = KnownQueryKeys.Of(typeof(ChartQuery));

    /// <summary>The dashboard reads these keys from its address; the others only size or pin a picture.</summary>
    private static readonly string[] ViewKeys = ["symbols", "from", "to", "mode", "log", "events", "eventSet", "benchmark", "currency", "view", "eventIds", "window", "average"];

    public async Task<(EmbedView? View, EmbedRefusal? Refusal)> ReadAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var theme = query["theme"].ToString();
        if (theme is not ("" or "auto" or "light" or "dark"))
        {
            return (null, EmbedRefusal.Field("theme", $"theme {QueryText.Quote(theme)} is not light, dark or auto."));
        }
        var rest = new QueryCollection(query.Where(p => !p.Key.Equals("theme", StringComparison.OrdinalIgnoreCase)).ToDictionary(p => p.Key, p => p.Value));
        if (KnownQueryKeys.Unknown(rest, Keys) is { Count: > 0 } unknown)
        {
            return (null, new EmbedRefusal($"Unknown query key{(unknown.Count == 1 ? "" : "s")}: {QueryText.Quoted([.. unknown.Take(5).Select(Shorten)])}.",
                StatusCodes.Status400BadRequest, KnownQueryKeys.Refusal(unknown, Keys)));
        }
        var (read, errors) = QueryReader.Read<ChartQuery>(rest);
        if (read is null)
        {
            var message = string.Join(" ", errors.Select(e => e.Message));
            return (null, new EmbedRefusal(message, StatusCodes.Status400BadRequest, Problems.Validation(message, errors)));
        }
        var seq = await store.LastSeqAsync(cancellationToken);
        var (request, refused) = await loader.PinAsync(read.ToRequest(), cancellationToken);
        if (request is null)
        {
            return (null, Refusal(refused!));
        }
        if (await loader.AsOfRefusalAsync(request, cancellationToken) is { } asOf)
        {
            return (null, EmbedRefusal.Field("asOf", asOf));
        }
        if ((await loader.CheckAsync(request, cancellationToken)).CurrencyRefusal is { } currency)
        {
            return (null, EmbedRefusal.Field("currency", currency));
        }
        var (data, missing) = await loader.LoadAsync(request, cancellationToken);
        if (missing.Count > 0)
        {
            var message = $"Not loaded or not in the catalogue: {string.Join(", ", missing)}.";
            return (null, new EmbedRefusal(message, StatusCodes.Status404NotFound, Problems.NotFound(message)));
        }
        var (title, caption) = EmbedWords.Of(data, request);
        var pairs = rest.Where(p => !p.Key.Equals("download", StringComparison.OrdinalIgnoreCase)).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()));
        var view = rest.Where(p => ViewKeys.Contains(p.Key, StringComparer.OrdinalIgnoreCase)).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()));
        var live = request is { Annotations: true, View: ChartView.Time };
        return (new EmbedView(title, caption, $"Line chart: {title}. {caption}.", QueryString.Create(pairs).Value?.TrimStart('?') ?? "",
            request.Width, request.Height, theme is "light" or "dark" ? theme : null, QueryHelpers.AddQueryString("/", view),
            live ? request.From : null, live ? request.To : null, live ? seq : null), null);
    }

    /// <summary>The message and status of a refusal the chart routes answer as problem details.</summary>
    public static EmbedRefusal Refusal(IResult refused) => refused is ProblemHttpResult problem
        ? new EmbedRefusal(problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "The request was refused.", problem.StatusCode, refused)
        : new EmbedRefusal("The request was refused.", StatusCodes.Status400BadRequest, refused);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
