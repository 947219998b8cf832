using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.EventStudy.Aggregate;
using MarketContext.Web.Features.EventStudy.Battery;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Web.Features.Publications;

/// <summary>A study's headline numbers: its CAR (or CAAR), the test statistic and its p value.</summary>
public sealed record StudyNumbers(double? Car, double? T, double? P);

/// <summary>
/// How one of a published study's numbers would move: <see cref="Then"/> from the pinned query, <see cref="Now"/> from the
/// live one; null where that run has no answer, <see cref="Note"/> saying why.
/// </summary>
public sealed record StudyMove(string Sample, string Measure, StudyNumbers? Then, StudyNumbers? Now, string? Note)
{
    public bool Moved => Then != Now;
}

/// <summary>Runs a published study on its pinned query and on the live one, as the study's own routes run it.</summary>
public sealed class StudyMoves(EventStudyService studies, AggregateService aggregates, SeriesRoles roles, PriceQueries prices, PinnedEventSets sets, PriceVintages vintages)
{
    public async Task<IReadOnlyList<StudyMove>> StudyAsync(string pinnedQuery, string liveQuery, CancellationToken cancellationToken)
    {
        var (then, thenNote) = await RunAsync(PublishedScopes.Read<StudyQuery>(pinnedQuery), cancellationToken);
        var (now, nowNote) = await RunAsync(PublishedScopes.Read<StudyQuery>(liveQuery), cancellationToken);
        var study = then ?? now;
        var sample = study is null ? "" : $"{study.Symbol} {study.EventId ?? study.EventDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";
        var measure = study is null ? "CAR" : $"CAR[{-study.Pre},+{study.Post}]";
        return [new StudyMove(sample, measure, Numbers(then), Numbers(now), Note(thenNote, nowNote))];
    }

    public async Task<IReadOnlyList<StudyMove>> AggregateAsync(string pinnedQuery, string liveQuery, CancellationToken cancellationToken)
    {
        var (then, thenNote) = await RunAsync(PublishedScopes.Read<AggregateStudyQuery>(pinnedQuery), cancellationToken);
        var (now, nowNote) = await RunAsync(PublishedScopes.Read<AggregateStudyQuery>(liveQuery), cancellationToken);
        var names = (then?.Samples ?? []).Concat(now?.Samples ?? []).Select(s => s.Name).Distinct(StringComparer.Ordinal);
        var window = then ?? now;
        var measure = window is null ? "CAAR" : $"CAAR[{-window.Pre},+{window.Post}]";
        return [.. names.Select(name => new StudyMove(name, measure, Numbers(then, name), Numbers(now, name), Note(thenNote, nowNote)))];
    }

    private async Task<(EventStudyResponse? Study, string? Refusal)> RunAsync(StudyQuery query, CancellationToken cancellationToken)
    {
        if (query.BenchmarkOr(await roles.BenchmarkAsync(cancellationToken)) is not { } benchmark)
        {
            return (null, SeriesRoles.NoBenchmark.Message);
        }
        var (asOf, refusal) = PriceAsOfText.Of(query.AsOf) is { } at ? await vintages.ResolveAsync(at, cancellationToken) : (0, null);
        var (events, unknownSet) = await sets.PinAsync(query.EventSetAsked(), cancellationToken);
        if (refusal is not null || events is null)
        {
            return (null, refusal ?? unknownSet!.Message);
        }
        var (study, refused) = await studies.RunAsync(query.ToQuery(benchmark, query.AsOf is null ? null : asOf), events);
        return (study, refused?.Detail);
    }

    private async Task<(AggregateResponse? Study, string? Refusal)> RunAsync(AggregateStudyQuery query, CancellationToken cancellationToken)
    {
        AggregateResponse? ran = null;
        var answer = await AggregateEndpoints.AnswerAsync(query, aggregates, prices, roles, sets, vintages, (_, response, _, _) =>
        {
            ran = response;
            return Results.Ok();
        }, cancellationToken);
        return ran is not null ? (ran, null) : (null, (answer as Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult)?.ProblemDetails.Detail ?? "The study could not be run.");
    }

    private static StudyNumbers? Numbers(EventStudyResponse? study) => study is null ? null : new(study.Car, study.TStat, study.PValue);

    /// <summary>A sample's CAAR with the test its readers are pointed to (BMP or its Kolari–Pynnönen variant; Patell for one member).</summary>
    private static StudyNumbers? Numbers(AggregateResponse? study, string name)
    {
        if (study?.Samples.FirstOrDefault(s => s.Name == name) is not { } sample)
        {
            return null;
        }
        var test = sample.ReadBmpBy ?? TestNames.Patell;
        var value = sample.CarTests.TryGetValue(test, out var found) ? found : default;
        return new StudyNumbers(sample.Caar, value.Statistic, value.PValue);
    }

    private static string? Note(string? then, string? now) =>
        then is null && now is null ? null : string.Join(" ", new[] { then is null ? null : $"Then: {then}", now is null ? null : $"Now: {now}" }.OfType<string>());
}
