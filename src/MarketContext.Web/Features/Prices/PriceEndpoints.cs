using System.Globalization;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Prices.Reading;
using MarketContext.Web.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Prices;

public static class PriceEndpoints
{
    public static IEndpointRouteBuilder MapPrices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/series").WithTags("Prices");
        group.MapGet("/", async (PriceQueries queries, CancellationToken cancellationToken) => Results.Ok(await queries.SeriesAsync(cancellationToken)));
        group.MapGet("/{symbol}/prices", PricesAsync);
        group.MapPost("/{symbol}/import", ImportAsync).RequireEditor();
        group.MapPost("/{symbol}/refresh", RefreshAsync).RequireEditor();
        app.MapHub<ImportHub>(ImportHub.Path, o => o.ApplicationMaxBufferSize = 4 * 1024);
        return app;
    }

    private static async Task<IResult> PricesAsync(string symbol, string? from, string? to, PriceQueries queries, CancellationToken cancellationToken)
    {
        if (!Problems.TryParseOptionalDate(from, "from", out var fromDate, out var problem)
            || !Problems.TryParseOptionalDate(to, "to", out var toDate, out problem))
        {
            return problem!;
        }
        if (!(await queries.SymbolsAsync(cancellationToken)).Contains(symbol.ToUpperInvariant()))
        {
            return Problems.NotFound($"No prices are loaded for \"{symbol}\".");
        }
        return Results.Ok(await queries.PricesAsync(symbol, fromDate ?? DateOnly.MinValue, toDate ?? DateOnly.MaxValue, cancellationToken));
    }

    private static async Task<IResult> ImportAsync(string symbol, HttpRequest request, PriceImporter importer, IOptions<MarketContextOptions> options,
        IHubContext<ImportHub, IImportClient> hub, CancellationToken cancellationToken)
    {
        if (!Instruments.IsValidSymbol(symbol))
        {
            return Problems.Validation("symbol", $"\"{symbol}\" is not a symbol (letters, digits, '.', '-', '^', at most 15).");
        }
        // dateFormat, decimal, dateColumn, closeColumn, adjCloseColumn: the reader's choices, where the file's evidence is not enough.
        if (ImportOverrides.Parse(key => request.Query[key].FirstOrDefault(), out var overridesError) is not { } overrides)
        {
            var field = ImportOverrides.Names.Select(n => n.Query).FirstOrDefault(q => overridesError!.StartsWith(q, StringComparison.Ordinal));
            return Problems.Validation(field ?? "query", overridesError!);
        }
        var limit = options.Value.MaxImportBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        if (request.ContentLength > limit)
        {
            return Problems.TooLarge(limit);
        }
        try
        {
            Stream content;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, cancellationToken);
                if (form.Files.GetFile("file") is not { } file)
                {
                    return Problems.Validation("file", "The form has no field named \"file\".");
                }
                content = file.OpenReadStream();
            }
            else
            {
                // The reader is synchronous and servers refuse synchronous body reads: buffer the body first
                // (in memory up to a point, then in a temp file), bounded by the size limit set above.
                request.EnableBuffering();
                await request.Body.DrainAsync(cancellationToken);
                request.Body.Position = 0;
                content = request.Body;
            }
            await using (content)
            {
                var importId = request.Headers[ImportHub.IdHeader].ToString();
                var progress = ImportHub.IsValidId(importId) ? new HubImportProgress(hub, importId) : null;
                return Results.Ok(await importer.ImportAsync(symbol, content, progress, cancellationToken, overrides));
            }
        }
        catch (PriceFileRejectedException rejected)
        {
            return Refused(rejected, "the file cannot be trusted", StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge(limit);
        }
        catch (InvalidDataException)
        {
            return Problems.TooLarge(limit);
        }
    }

    private static async Task<IResult> RefreshAsync(string symbol, string? from, PriceRefresh refresh, CancellationToken cancellationToken)
    {
        if (!Instruments.IsValidSymbol(symbol))
        {
            return Problems.Validation("symbol", $"\"{symbol}\" is not a symbol (letters, digits, '.', '-', '^', at most 15).");
        }
        if (!Problems.TryParseOptionalDate(from, "from", out var fromDate, out var problem))
        {
            return problem!;
        }
        try
        {
            return Results.Ok(await refresh.RefreshAsync(symbol, fromDate, cancellationToken: cancellationToken));
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
