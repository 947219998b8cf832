using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MarketContext.Web.Features.Prices.Reading;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Mvc;

namespace MarketContext.Web.Features.Prices;

/// <summary>One page of a series' bars.</summary>
public sealed class PriceListQuery
{
    [FromQuery(Name = "from"), WellFormed, Description("First day, YYYY-MM-DD.")]
    public QueryDate? From { get; init; }

    [FromQuery(Name = "to"), WellFormed, Description("Last day, YYYY-MM-DD.")]
    public QueryDate? To { get; init; }

    [FromQuery(Name = "limit"), WholeNumber(1, PriceEndpoints.MaxPageRows), Description("At most this many bars; default 5,000.")]
    public QueryNumber? Limit { get; init; }

    [FromQuery(Name = "after"), WellFormed, Description("Only bars after this day: the cursor of the next page.")]
    public QueryDate? After { get; init; }

    [FromQuery(Name = "asOf"), WellFormed, Description(PriceAsOfText.Description)]
    public QueryAsOf? AsOf { get; init; }
}

/// <summary>The one wording of <c>asOf</c> on every route that takes it.</summary>
public static class PriceAsOfText
{
    public const string Description =
        "The prices as they were: a vintage id (see /api/series/{symbol}/vintages) or an ISO 8601 timestamp (the last vintage by then); default: as they are now.";

    /// <summary>The moment a validated query asks for; null for now.</summary>
    public static PriceAsOf? Of(QueryAsOf? asOf) => asOf is null ? null : new PriceAsOf(asOf.Vintage, asOf.At);
}

/// <summary>The reader's choices for an upload, where the file's own evidence is not enough.</summary>
public sealed class ImportQuery : IValidatableObject
{
    [FromQuery(Name = "dateFormat"), Description("dmy, mdy, ymd, or a pattern such as dd/MM/yyyy.")]
    public string? DateFormat { get; init; }

    [FromQuery(Name = "decimal"), Description("The decimal separator: . or ,")]
    public string? Decimal { get; init; }

    [FromQuery(Name = "dateColumn"), Description("The date column: a header name or a 1-based number.")]
    public string? DateColumn { get; init; }

    [FromQuery(Name = "closeColumn"), Description("The close column: a header name or a 1-based number.")]
    public string? CloseColumn { get; init; }

    [FromQuery(Name = "adjCloseColumn"), Description("The adjusted close column: a header name or a 1-based number.")]
    public string? AdjCloseColumn { get; init; }

    /// <summary>The choices as the reader takes them; null (and the error) when one means nothing.</summary>
    public ImportOverrides? Overrides(out string? error) => ImportOverrides.Parse(name => name switch
    {
        "dateFormat" => DateFormat,
        "decimal" => Decimal,
        "dateColumn" => DateColumn,
        "closeColumn" => CloseColumn,
        "adjCloseColumn" => AdjCloseColumn,
        _ => null,
    }, out error);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Overrides(out var error) is null)
        {
            var field = ImportOverrides.Names.Select(n => n.Query).FirstOrDefault(q => error!.StartsWith(q, StringComparison.Ordinal));
            yield return new ValidationResult(error, [field ?? "query"]);
        }
    }
}

/// <summary>From which day a refresh downloads.</summary>
public sealed class RefreshQuery
{
    [FromQuery(Name = "from"), WellFormed, Description("First day to download, YYYY-MM-DD; default: after the last stored day.")]
    public QueryDate? From { get; init; }
}
