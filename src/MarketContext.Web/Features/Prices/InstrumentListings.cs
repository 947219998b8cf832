using System.Text.RegularExpressions;
using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Calendars;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.Prices;

/// <summary>Editors correct what the defaults said of a listing: its exchange, its currency, its company.</summary>
public static partial class InstrumentListings
{
    private const long MaxBodyBytes = 1024;

    private const string ReadSql = "select exchange, currency, company from instruments where symbol = @symbol";

    private const string WriteSql = """
        update instruments set exchange = @Exchange, currency = @Currency, company = @Company,
            currency_source = case when @CurrencyChanged then @Editor else currency_source end
        where symbol = @Symbol
        """;

    /// <summary>The fields to change; a field left out keeps its value, an empty one clears it.</summary>
    public sealed record ListingChange(string? Exchange, string? Currency, string? Company);

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    /// <summary><c>PUT /api/series/{symbol}/listing</c> → the series as <c>/api/series</c> lists it. Audited.</summary>
    public static async Task<IResult> SetAsync(string symbol, HttpRequest request, Db db, PriceQueries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (change, problem) = await Problems.ReadJsonAsync<ListingChange>(request, MaxBodyBytes);
        if (problem is not null || change is null)
        {
            return problem ?? Problems.Validation("body", "Send {\"exchange\": \"XSTO\", \"currency\": \"SEK\", \"company\": \"Ericsson\"} (any of the three).");
        }
        var errors = new List<FieldError>();
        var exchange = change.Exchange?.Trim().ToUpperInvariant();
        if (exchange is { Length: > 0 } && ExchangeCalendars.Find(exchange) is null)
        {
            errors.Add(new FieldError($"exchange must be the MIC of a known calendar ({string.Join(", ", ExchangeCalendars.All.Select(c => c.Mic))}), or empty for none.", Field: "exchange"));
        }
        var currency = change.Currency?.Trim().ToUpperInvariant();
        if (currency is not null && !CurrencyCode().IsMatch(currency))
        {
            errors.Add(new FieldError("currency must be an ISO 4217 code of three letters, such as USD, SEK or EUR.", Field: "currency"));
        }
        var company = change.Company?.Trim();
        if (company is { Length: > 100 } || (company?.Any(char.IsControl) ?? false))
        {
            errors.Add(new FieldError("company must be at most 100 characters, without control characters.", Field: "company"));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation("The listing was not changed.", errors);
        }
        symbol = symbol.ToUpperInvariant();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await connection.QuerySingleOrDefaultAsync<Stored>(ReadSql, new { symbol }, transaction);
        if (stored is null)
        {
            return Problems.NotFound($"There is no series \"{symbol}\".");
        }
        var before = stored;
        var after = new Stored(exchange is null ? before.Exchange : Blank(exchange), currency ?? before.Currency, company is null ? before.Company : Blank(company));
        if (after != before)
        {
            await connection.ExecuteAsync(WriteSql, new
            {
                Symbol = symbol,
                after.Exchange,
                after.Currency,
                after.Company,
                CurrencyChanged = after.Currency != before.Currency,
                Editor = CurrencySources.Editor,
            }, transaction);
            await AuditLog.RecordAsync(connection, transaction, clock.GetUtcNow().UtcDateTime, Roles.ActorOf(request.HttpContext.User),
                "series listing changed", symbol, $"{before.Exchange ?? "-"}/{before.Currency ?? "-"}/{before.Company ?? "-"} → {after.Exchange ?? "-"}/{after.Currency ?? "-"}/{after.Company ?? "-"}");
        }
        await transaction.CommitAsync(cancellationToken);
        return Results.Ok(await queries.SeriesAsync(symbol, cancellationToken));
    }

    private sealed record Stored(string? Exchange, string? Currency, string? Company);

    private static string? Blank(string text) => text.Length == 0 ? null : text;
}
