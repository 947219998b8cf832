using System.Globalization;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Prices.Reading;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using MarketContext.Web.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MarketContext.Web.Features.Prices;

public static class PriceEndpoints
{
    public static IEndpointRouteBuilder MapPrices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/series").WithTags("Prices");
        group.MapGet("/", async (PriceQueries queries, CancellationToken cancellationToken) => Results.Ok(await queries.SeriesAsync(cancellationToken)))
            .WithSummary("The loaded series with name, role, exchange, currency (and where it came from), company, first and last date and row count.").Produces<IReadOnlyList<SeriesSummary>>();
        group.MapGet("/{symbol}/prices", PricesAsync)
            .WithSummary("Daily bars of one series, ascending by date; unusable fields are null. When more follow, a Link header with rel=\"next\" gives the next page.")
            .Produces<IReadOnlyList<PriceBar>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{symbol}/vintages", VintagesAsync)
            .WithSummary("Every import and refresh of one series, oldest first: when, by whom, producer, format, source, content SHA-256, and rows inserted, revised and unchanged.")
            .Produces<IReadOnlyList<PriceVintage>>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{symbol}/import", ImportAsync).RequireEditor().CountsAgainst(WriteQuota.Imports)
            .WithSummary("Imports a price file (text/csv, or multipart/form-data with field file); X-Import-Id reports progress on /hubs/imports.")
            .ReadsBody("text/csv", "multipart/form-data")
            .Produces<ImportReport>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPost("/{symbol}/refresh", RefreshAsync).RequireEditor().CountsAgainst(WriteQuota.Imports)
            .WithSummary("Downloads the latest days from the online price source and imports them.")
            .Produces<ImportReport>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable).ProducesProblem(StatusCodes.Status504GatewayTimeout);
        group.MapPut("/{symbol}/role", InstrumentRoles.SetAsync).RequireEditor()
            .WithSummary("Sets a series' role (vendor, benchmark or other); vendors are what a chart shows by default.")
            .ReadsBody<InstrumentRoles.RoleChange>("application/json")
            .Produces<SeriesSummary>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{symbol}/listing", InstrumentListings.SetAsync).RequireEditor()
            .WithSummary("Sets a series' exchange (MIC of a known calendar), currency (ISO 4217) and company; fields left out keep their value.")
            .ReadsBody<InstrumentListings.ListingChange>("application/json")
            .Produces<SeriesSummary>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapHub<ImportHub>(ImportHub.Path, o => o.ApplicationMaxBufferSize = 4 * 1024).LimitsLiveConnections();
        return app;
    }

    /// <summary>Rows one page of a price listing holds unless <c>limit</c> says otherwise, and the most it may ask for.</summary>
    public const int DefaultPageRows = 5000, MaxPageRows = 20000;

    /// <summary>
    /// One page of a symbol's bars: at most <c>limit</c>, ascending, all after the <c>after</c> date. When more
    /// follow, a <c>Link: &lt;…&amp;after=LAST&gt;; rel="next"</c> header gives the next page; the body stays a plain array.
    /// </summary>
    private static async Task<IResult> PricesAsync(string symbol, [AsParameters] PriceListQuery query, HttpContext context, PriceQueries queries, PriceVintages vintages,
        CancellationToken cancellationToken)
    {
        var limit = QueryNumber.Or(query.Limit, DefaultPageRows);
        if (await queries.SeriesAsync(symbol, cancellationToken) is null)
        {
            return Problems.NotFound($"No prices are loaded for \"{symbol}\".");
        }
        var (from, to, after) = (query.From?.Value ?? DateOnly.MinValue, query.To?.Value ?? DateOnly.MaxValue, query.After?.Value ?? DateOnly.MinValue);
        IReadOnlyList<PriceBar> bars;
        if (PriceAsOfText.Of(query.AsOf) is { } asOf)
        {
            var (vintage, refusal) = await vintages.ResolveAsync(asOf, cancellationToken);
            if (refusal is not null)
            {
                return Problems.Validation("asOf", refusal);
            }
            bars = await vintages.PricesAsync(symbol, vintage, from, to, after, limit + 1, cancellationToken);
        }
        else
        {
            bars = await queries.PricesAsync(symbol, from, to, after, limit + 1, cancellationToken);
        }
        if (bars.Count <= limit)
        {
            return Results.Ok(bars);
        }
        var page = bars.Take(limit).ToList();
        var next = QueryString.Create(context.Request.Query
            .Where(q => q.Key is not ("after" or "limit"))
            .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()))
            .Append(KeyValuePair.Create("limit", (string?)limit.ToString(CultureInfo.InvariantCulture)))
            .Append(KeyValuePair.Create("after", (string?)page[^1].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        context.Response.Headers.Link = $"<{context.Request.PathBase}{context.Request.Path}{next}>; rel=\"next\"";
        return Results.Ok(page);
    }

    private static async Task<IResult> VintagesAsync(string symbol, PriceQueries queries, PriceVintages vintages, CancellationToken cancellationToken) =>
        await queries.SeriesAsync(symbol, cancellationToken) is null
            ? Problems.NotFound($"No prices are loaded for \"{symbol}\".")
            : Results.Ok(await vintages.ListAsync(symbol, cancellationToken));

    private static async Task<IResult> ImportAsync(string symbol, [AsParameters] ImportQuery query, HttpRequest request, PriceImporter importer, IOptions<MarketContextOptions> options,
        IHubContext<ImportHub, IImportClient> hub, MarketContextMetrics metrics, CancellationToken cancellationToken)
    {
        if (!Instruments.IsValidSymbol(symbol))
        {
            return Problems.Validation("symbol", $"\"{symbol}\" is not a symbol ({Instruments.SymbolRule}).");
        }
        // Validated with the query: these are the reader's choices, where the file's evidence is not enough.
        var overrides = query.Overrides(out _)!;
        var limit = options.Value.MaxImportBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        if (request.ContentLength > limit)
        {
            return TooLarge(limit, metrics);
        }
        // The reader is synchronous and runs on a thread of its own, reading the body as it arrives (never held whole,
        // in memory or on disk) into the import's open transaction.
        if (request.HttpContext.Features.Get<IHttpBodyControlFeature>() is { } bodyControl)
        {
            bodyControl.AllowSynchronousIO = true;
        }
        var body = new UploadBody(request.Body, limit);
        try
        {
            if (await UploadedFileAsync(request, body, limit, cancellationToken) is not var (content, fileName))
            {
                return Problems.Validation("file", "The form has no field named \"file\".");
            }
            var importId = request.Headers[ImportHub.IdHeader].ToString();
            var uploader = request.HttpContext.User.Identity?.Name;
            var progress = ImportHub.IsValidId(importId) && uploader is not null
                ? new UploadProgress(new HubImportProgress(hub, uploader, importId), body, request.ContentLength)
                : null;
            var origin = new VintageOrigin(fileName is { Length: > 0 } name ? Path.GetFileName(name) : "upload", Roles.ActorOf(request.HttpContext.User));
            return Results.Ok(await importer.ImportAsync(symbol, content, progress, cancellationToken, overrides, origin));
        }
        catch (PriceFileRejectedException rejected)
        {
            return Refused(rejected, "the file cannot be trusted", StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit, metrics);
        }
        catch (InvalidDataException e) when (e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            return TooLarge(limit, metrics);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            return Problems.Validation("file", "The upload is not a well-formed multipart form; send the file in a form field named \"file\", or the CSV itself as text/csv.");
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's minimum upload rate (408) or a body that ended early (400): the client's doing, not an error of ours.
            return Results.Problem(title: "The upload did not arrive", statusCode: e.StatusCode,
                detail: e.StatusCode == StatusCodes.Status408RequestTimeout
                    ? "The file came in too slowly and the server stopped waiting; nothing was stored."
                    : "The upload ended before the whole file arrived; nothing was stored.");
        }
        catch (IOException) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The body ended before its own framing said it would: a multipart form without its closing boundary.
            return Problems.Validation("file", request.HasFormContentType
                ? "The upload is not a well-formed multipart form (it ends before its closing boundary); nothing was stored."
                : "The upload ended before the whole file arrived; nothing was stored.");
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-upload: there is nobody to answer, and nothing was stored.
            return Results.Problem(title: "The upload was aborted", detail: "The connection closed before the whole file arrived; nothing was stored.",
                statusCode: StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>
    /// The file's bytes as they arrive: the body itself (<c>text/csv</c>), or the multipart field <c>file</c>, the
    /// fields before it skipped, with the file name the form gives; null when the form has no such field.
    /// </summary>
    private static async Task<(Stream Content, string? FileName)?> UploadedFileAsync(HttpRequest request, UploadBody body, long limit, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (body, null);
        }
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary);
        if (boundary.Length is 0 or > 70)
        {
            throw new InvalidDataException("The form names no boundary.");
        }
        var form = new MultipartReader(boundary.ToString(), body) { BodyLengthLimit = limit };
        while (await form.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (section.GetContentDispositionHeader() is { } disposition && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.Ordinal))
            {
                return (section.Body, HeaderUtilities.RemoveQuotes(disposition.FileName).ToString());
            }
        }
        return null;
    }

    private static async Task<IResult> RefreshAsync(string symbol, [AsParameters] RefreshQuery query, PriceRefresh refresh, HttpContext context, CancellationToken cancellationToken)
    {
        if (!Instruments.IsValidSymbol(symbol))
        {
            return Problems.Validation("symbol", $"\"{symbol}\" is not a symbol ({Instruments.SymbolRule}).");
        }
        try
        {
            return Results.Ok(await refresh.RefreshAsync(symbol, query.From?.Value, cancellationToken: cancellationToken, by: Roles.ActorOf(context.User)));
        }
        catch (PriceFileRejectedException rejected)
        {
            // Not the caller's fault: the source answered something that cannot be trusted.
            return Refused(rejected, "the price source's answer cannot be trusted", StatusCodes.Status502BadGateway);
        }
        catch (PriceSourceException e)
        {
            return Results.Problem(title: "The price source failed", detail: e.Message, statusCode: e.Failure switch
            {
                PriceSourceFailure.Offline => StatusCodes.Status503ServiceUnavailable,
                PriceSourceFailure.Timeout => StatusCodes.Status504GatewayTimeout,
                PriceSourceFailure.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status502BadGateway,
            });
        }
    }

    private static IResult TooLarge(long limit, MarketContextMetrics metrics)
    {
        metrics.FileRefused("too_large");
        return Problems.TooLarge(limit);
    }

    private static IResult Refused(PriceFileRejectedException rejected, string what, int statusCode)
    {
        var file = rejected.File;
        var more = file.ErrorCount > file.Errors.Count ? $" (the first {file.Errors.Count} are listed)" : "";
        return Problems.Validation(
            string.Create(CultureInfo.InvariantCulture, $"{rejected.Symbol}: {what} and nothing was stored; {file.ErrorCount} error(s){more}."),
            file.Errors.Select(e => new FieldError(e.Message, Line: e.Line)),
            statusCode);
    }
}
