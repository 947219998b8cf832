using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Mvc;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>The windows of a study, with one set of limits for the single study, the summary and the study across events.</summary>
public static class StudyLimits
{
    public const int MaxSide = 30, MinEstimation = 30, MaxEstimation = 500, MaxGap = 250;

    public sealed class SideAttribute() : WholeNumberAttribute(0, MaxSide);

    public sealed class EstimationAttribute() : WholeNumberAttribute(MinEstimation, MaxEstimation);

    public sealed class GapAttribute() : WholeNumberAttribute(0, MaxGap);
}

/// <summary>What every study route takes: the benchmark and the windows.</summary>
public abstract class StudyWindowQuery : IValidatableObject
{
    [FromQuery(Name = "benchmark"), Description("Benchmark symbol; default: the listing's home index (XSTO ^OMX, XHEL ^OMXH25, XETR ^GDAXI, XLON ^FTSE), else the series whose role is benchmark.")]
    public string? Benchmark { get; init; }

    [FromQuery(Name = "pre"), StudyLimits.Side, Description("Trading days before day 0 in the event window; default 5, at most gap.")]
    public QueryNumber? Pre { get; init; }

    [FromQuery(Name = "post"), StudyLimits.Side, Description("Trading days after day 0 in the event window; default 5.")]
    public QueryNumber? Post { get; init; }

    [FromQuery(Name = "estimation"), StudyLimits.Estimation, Description("Length of the estimation window in trading days; default 120.")]
    public QueryNumber? Estimation { get; init; }

    [FromQuery(Name = "gap"), StudyLimits.Gap, Description("Trading days between the estimation window and day 0; default 10.")]
    public QueryNumber? Gap { get; init; }

    [FromQuery(Name = "returns"), WellFormed, Description("simple or log returns from the adjusted close; default simple.")]
    public QueryChoice<ReturnKind>? Returns { get; init; }

    [FromQuery(Name = "closeShiftMinutes"), WholeNumber(0, Calendars.DayZeros.MaxCloseShiftMinutes),
     Description("Announcements this many minutes or less before a listing's close count from the next session; default 0.")]
    public QueryNumber? CloseShiftMinutes { get; init; }

    [FromQuery(Name = "fxFactor"), WellFormed,
     Description("true: add the return of the FX series between the listing's currency and the benchmark's (e.g. USDSEK=X) to the market model.")]
    public QueryFlag? FxFactor { get; init; }

    [FromQuery(Name = "eventSet"), EventSetName, Description("The event set studied: slug (its current version) or slug@version; default: huawei-5g-europe, current version.")]
    public string? EventSet { get; init; }

    [FromQuery(Name = "asOf"), WellFormed, Description(PriceAsOfText.Description)]
    public QueryAsOf? AsOf { get; init; }

    /// <summary>The set this query names, the shipped one by default; call only on a query that validated.</summary>
    public EventSetRef EventSetAsked() => EventSetRef.Parse(EventSet) ?? EventSetRef.Shipped;

    public EventStudyParameters Parameters() => new(
        QueryNumber.Or(Pre, 5), QueryNumber.Or(Post, 5), QueryNumber.Or(Estimation, 120), QueryNumber.Or(Gap, 10),
        QueryChoice<ReturnKind>.Or(Returns, ReturnKind.Simple), QueryNumber.Or(CloseShiftMinutes, 0), QueryFlag.Or(FxFactor, false));

    /// <summary>Whether the query names its benchmark; otherwise each listing is studied against its exchange's default.</summary>
    public bool BenchmarkAsked => !string.IsNullOrWhiteSpace(Benchmark);

    /// <summary>The benchmark asked for, or the series whose role is benchmark; null when there is neither.</summary>
    public string? BenchmarkOr(string? stored) =>
        (string.IsNullOrWhiteSpace(Benchmark) ? stored : Benchmark)?.Trim().ToUpperInvariant();

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Benchmark) && !Instruments.IsValidSymbol(Benchmark.Trim().ToUpperInvariant()))
        {
            yield return new ValidationResult($"benchmark {QueryText.Quote(Benchmark)} is not a symbol.", ["benchmark"]);
        }
        // A pre-event day inside the estimation window would let the event's own move shape the benchmark it is measured against.
        var parameters = Parameters();
        if (parameters.Pre > parameters.Gap)
        {
            yield return new ValidationResult(
                $"pre ({parameters.Pre}) must not exceed gap ({parameters.Gap}): the event window would reach into the estimation window, which ends at day -{parameters.Gap + 1}.",
                ["pre"]);
        }
    }
}

/// <summary>One study: a symbol, and day 0 from an event or a date.</summary>
public sealed class StudyQuery : StudyWindowQuery
{
    [FromQuery(Name = "symbol"), Required(ErrorMessage = "symbol is required (e.g. ERIC)."), Description("The stock studied.")]
    public string? Symbol { get; init; }

    [FromQuery(Name = "eventId"), Description("The event whose first-public day is day 0 (or give date).")]
    public string? EventId { get; init; }

    [FromQuery(Name = "date"), WellFormed, Description("Day 0 as YYYY-MM-DD (or give eventId).")]
    public QueryDate? Date { get; init; }

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Symbol is { } symbol && !Instruments.IsValidSymbol(symbol.Trim().ToUpperInvariant()))
        {
            yield return new ValidationResult($"{QueryText.Quote(symbol)} is not a symbol.", ["symbol"]);
        }
        var hasEvent = !string.IsNullOrWhiteSpace(EventId);
        if (hasEvent == (Date is not null))
        {
            yield return new ValidationResult("Give exactly one of eventId and date.", [hasEvent ? "date" : "eventId"]);
        }
        foreach (var error in base.Validate(validationContext))
        {
            yield return error;
        }
    }

    /// <summary>The study this query asks for, at the price vintage <c>asOf</c> stands for; call only on a query that validated.</summary>
    public EventStudyQuery ToQuery(string benchmark, long? asOf = null) => new(
        Symbol!.Trim().ToUpperInvariant(), benchmark,
        string.IsNullOrWhiteSpace(EventId) ? null : EventId.Trim(), Date?.Value, Parameters(), BenchmarkAsked, asOf);
}

/// <summary>Every dated event for a few symbols: CAR over [−1, +1] and [−5, +5].</summary>
public sealed class SummaryQuery : StudyWindowQuery
{
    [FromQuery(Name = "symbols"), Description("Comma-separated known symbols, at most 8; default: the vendors.")]
    public string? Symbols { get; init; }

    public IReadOnlyList<string>? SymbolList() => StudySymbols.Parse(Symbols, []);

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = new List<Http.FieldError>();
        StudySymbols.Parse(Symbols, errors);
        foreach (var error in errors)
        {
            yield return new ValidationResult(error.Message, [error.Field!]);
        }
        if (Parameters().Gap < 5)
        {
            yield return new ValidationResult("The summary reports [−5, +5], so gap must be at least 5.", ["gap"]);
        }
        foreach (var error in base.Validate(validationContext))
        {
            yield return error;
        }
    }
}

/// <summary>The size of a study's chart.</summary>
public sealed class StudyPictureQuery : ThemedPictureQuery
{
    protected override (int Width, int Height) DefaultSize() => (900, 450);
}
