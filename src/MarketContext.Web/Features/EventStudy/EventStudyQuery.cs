using System.Globalization;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>The event-study query of the public contract, parsed and validated.</summary>
public sealed record EventStudyQuery(string Symbol, string Benchmark, string? EventId, DateOnly? Date, EventStudyParameters Parameters)
{
    /// <param name="defaultBenchmark">The benchmark when the query names none: the series whose role is benchmark, if any.</param>
    public static (EventStudyQuery? Query, List<FieldError> Errors) Parse(IQueryCollection query, string? defaultBenchmark, bool requireTarget = true)
    {
        var errors = new List<FieldError>();
        var symbol = query["symbol"].ToString().Trim().ToUpperInvariant();
        if (requireTarget && symbol.Length == 0)
        {
            errors.Add(new FieldError("symbol is required (e.g. ERIC).", Field: "symbol"));
        }
        else if (symbol.Length > 0 && !Instruments.IsValidSymbol(symbol))
        {
            errors.Add(new FieldError($"\"{symbol}\" is not a symbol.", Field: "symbol"));
        }
        var benchmark = query["benchmark"].ToString().Trim().ToUpperInvariant();
        if (benchmark.Length == 0 && defaultBenchmark is null)
        {
            errors.Add(SeriesRoles.NoBenchmark);
        }
        else if (benchmark.Length == 0)
        {
            benchmark = defaultBenchmark!.ToUpperInvariant();
        }
        else if (!Instruments.IsValidSymbol(benchmark))
        {
            errors.Add(new FieldError($"\"{benchmark}\" is not a symbol.", Field: "benchmark"));
        }

        var eventId = query["eventId"].ToString().Trim();
        var dateText = query["date"].ToString().Trim();
        DateOnly? date = null;
        if (dateText.Length > 0)
        {
            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                date = parsed;
            }
            else
            {
                errors.Add(new FieldError($"date \"{dateText}\" is not a date (YYYY-MM-DD).", Field: "date"));
            }
        }
        if (requireTarget && eventId.Length > 0 == dateText.Length > 0)
        {
            errors.Add(new FieldError("Give exactly one of eventId and date.", Field: eventId.Length > 0 ? "date" : "eventId"));
        }

        var returnsText = query["returns"].ToString();
        var returns = ReturnKind.Simple;
        if (returnsText.Length > 0 && !(Enum.TryParse(returnsText, ignoreCase: true, out returns) && Enum.IsDefined(returns)))
        {
            errors.Add(new FieldError($"returns \"{returnsText}\" is not simple or log.", Field: "returns"));
        }

        var parameters = new EventStudyParameters(
            QueryValues.Int(query, "pre", 5, 0, EventStudyParameters.MaxWindowDays, errors),
            QueryValues.Int(query, "post", 5, 0, EventStudyParameters.MaxWindowDays, errors),
            QueryValues.Int(query, "estimation", 120, EventStudyParameters.MinEstimationDays, EventStudyParameters.MaxWindowDays, errors),
            QueryValues.Int(query, "gap", 10, 0, EventStudyParameters.MaxWindowDays, errors), returns);
        if (errors.Count == 0)
        {
            try
            {
                parameters.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                errors.Add(new FieldError(e.Message.Split(" (Parameter")[0], Field: char.ToLowerInvariant(e.ParamName![0]) + e.ParamName[1..]));
            }
        }
        return errors.Count == 0
            ? (new EventStudyQuery(symbol, benchmark, eventId.Length > 0 ? eventId : null, date, parameters), errors)
            : (null, errors);
    }
}
