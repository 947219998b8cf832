using System.Globalization;
using System.Text;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.EventStudy.Aggregate;
using MarketContext.Web.Features.EventStudy.Battery;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using MarketContext.Web.Rendering;

namespace MarketContext.Web.Features.Publications;

/// <summary>The studies frozen for publishing: one study, and the study across events.</summary>
public sealed partial class PublishedViews
{
    private async Task<(FrozenView?, IResult?)> StudyAsync(string text, CancellationToken cancellationToken)
    {
        var (asked, picture, pinnedText, pins, refusal) = await BindAsync<StudyQuery, StudyPictureQuery>(text, cancellationToken);
        if (refusal is not null)
        {
            return (null, refusal);
        }
        if (asked!.BenchmarkOr(await roles.BenchmarkAsync(cancellationToken)) is not { } benchmark)
        {
            return (null, Problems.Validation(SeriesRoles.NoBenchmark.Message, [SeriesRoles.NoBenchmark]));
        }
        long? asOf = PriceAsOfText.Of(asked.AsOf) is { } at ? (await vintages.ResolveAsync(at, cancellationToken)).Vintage : null;
        var (events, unknownSet) = await sets.PinAsync(asked.EventSetAsked(), cancellationToken);
        if (events is null)
        {
            return (null, PinnedEventSets.Refused(unknownSet!));
        }
        var (study, refused) = await studies.RunAsync(asked.ToQuery(benchmark, asOf), events);
        if (study is null)
        {
            return (null, EventStudyEndpoints.Refused(refused!));
        }
        var studied = study.EventId is { } id ? events.Find(id) : null;
        var eventName = studied is null ? $"{study.EventDate:yyyy-MM-dd}" : $"{studied.Id} {studied.Label}";
        var name = (await prices.InstrumentsAsync([study.Symbol], cancellationToken)).FirstOrDefault()?.Name ?? study.Symbol;
        var alt = AltText.ForStudy(study.Symbol, name, eventName, study.Day0, study.Pre, study.Post, study.Car, study.PValue);
        return (new FrozenView(pinnedText, pins, alt, (furniture, at) =>
        {
            var outputs = new List<PublicationOutput>();
            var size = picture!.ImageSize();
            foreach (var theme in Themes)
            {
                using var chart = CarChartRenderer.Render(study, eventName, size, theme);
                AddPictures(outputs, chart, theme, furniture);
            }
            outputs.Add(Csv(StudyCsv(study)));
            outputs.Add(Json(study));
            using var printed = CarChartRenderer.Render(study, eventName, new ImageSize(PrintWidth, PrintHeight(size.Width, size.Height)), ChartTheme.Light);
            outputs.Add(Pdf(printed, furniture, at, StudyTable(study)));
            return outputs;
        }), null);
    }

    private async Task<(FrozenView?, IResult?)> AggregateAsync(string text, CancellationToken cancellationToken)
    {
        var (asked, picture, pinnedText, pins, refusal) = await BindAsync<AggregateStudyQuery, AggregatePictureQuery>(text, cancellationToken);
        if (refusal is not null)
        {
            return (null, refusal);
        }
        (AggregateQuery Query, AggregateResponse Response, PinnedEventSet Events)? ran = null;
        var answer = await AggregateEndpoints.AnswerAsync(asked!, aggregates, prices, roles, sets, vintages, (query, response, _, events) =>
        {
            ran = (query, response, events);
            return Results.Ok();
        }, cancellationToken);
        if (ran is not { } done)
        {
            return (null, answer);
        }
        var eventsShown = AggregateEndpoints.EventSet(done.Query, done.Events);
        var response = done.Response;
        var pooled = response.Samples.FirstOrDefault(s => s.Name == AggregateCalculator.Pooled) ?? response.Samples.FirstOrDefault();
        var test = pooled?.ReadBmpBy ?? TestNames.Patell;
        var alt = AltText.ForAggregate(pooled?.N ?? 0, [.. response.Samples.Where(s => s.Name != AggregateCalculator.Pooled).Select(s => s.Name)], eventsShown,
            response.Pre, response.Post, pooled?.Caar, TestLabel(test), pooled?.CarTests.TryGetValue(test, out var value) == true ? value.PValue : null);
        return (new FrozenView(pinnedText, pins, alt, (furniture, at) =>
        {
            var outputs = new List<PublicationOutput>();
            var size = picture!.ImageSize();
            foreach (var theme in Themes)
            {
                using var chart = AggregateChartRenderer.Render(response, eventsShown, size, theme);
                AddPictures(outputs, chart, theme, furniture);
            }
            outputs.Add(Csv(AggregateCsv.Write(response)));
            outputs.Add(Json(response));
            using var printed = AggregateChartRenderer.Render(response, eventsShown, new ImageSize(PrintWidth, PrintHeight(size.Width, size.Height)), ChartTheme.Light);
            outputs.Add(Pdf(printed, furniture, at, AggregateTable(response)));
            return outputs;
        }), null);
    }

    /// <summary>
    /// A study's two requests (the study and its picture) read from the query, pinned, and read again from the pinned
    /// query: what is drawn is what the pinned query says.
    /// </summary>
    private async Task<(TStudy? Study, TPicture? Picture, string PinnedQuery, PublicationPins Pins, IResult? Refusal)> BindAsync<TStudy, TPicture>(string text,
        CancellationToken cancellationToken) where TStudy : class, new() where TPicture : class, new()
    {
        var (query, errors) = PublishedQuery.Parse(text, typeof(TStudy), typeof(TPicture));
        var (study, picture) = (PublishedQuery.Read<TStudy>(query, errors), PublishedQuery.Read<TPicture>(query, errors));
        if (errors.Count > 0)
        {
            return (null, null, "", null!, PublishedQuery.Refused(errors));
        }
        var (pinnedText, pins, refusal) = await PinAsync(query, [study!, picture!], cancellationToken);
        if (refusal is not null)
        {
            return (null, null, "", null!, refusal);
        }
        var (pinned, again) = PublishedQuery.Parse(pinnedText, typeof(TStudy), typeof(TPicture));
        var (pinnedStudy, pinnedPicture) = (PublishedQuery.Read<TStudy>(pinned, again), PublishedQuery.Read<TPicture>(pinned, again));
        return again.Count > 0 ? (null, null, "", null!, PublishedQuery.Refused(again)) : (pinnedStudy, pinnedPicture, pinnedText, pins, null);
    }

    private static string TestLabel(string test) => test switch
    {
        TestNames.Bmp => "BMP",
        TestNames.BmpKolariPynnonen => "Kolari–Pynnönen BMP",
        TestNames.Patell => "Patell",
        _ => test,
    };

    private static string Percent(double? value) => value is { } v ? v.ToString("0.00%", CultureInfo.InvariantCulture) : "";

    /// <summary>The printed study's table: its window day by day.</summary>
    private static PdfTable StudyTable(EventStudyResponse study) => new(["Day", "Date", "Return", "Benchmark", "Abnormal", "CAR"],
        [.. study.Rows.Select(r => new[] { $"{r.Day}", $"{r.Date:yyyy-MM-dd}", Percent(r.Return), Percent(r.BenchmarkReturn), Percent(r.Abnormal), Percent(r.Car) })]);

    /// <summary>The printed study across events' table: each sample's CAAR and the test its reader is pointed to.</summary>
    private static PdfTable AggregateTable(AggregateResponse response) => new(["Sample", "Events", "CAAR", "Test", "p"],
        [.. response.Samples.Select(s =>
        {
            var test = s.ReadBmpBy ?? TestNames.Patell;
            var p = s.CarTests.TryGetValue(test, out var value) ? value.PValue?.ToString("0.000", CultureInfo.InvariantCulture) ?? "" : "";
            return new[] { s.Name, $"{s.N}", Percent(s.Caar), TestLabel(test), p };
        })]);

    /// <summary>The study's window day by day: what its chart draws, as numbers.</summary>
    internal static string StudyCsv(EventStudyResponse study)
    {
        static string F(double? v) => v?.ToString("0.##########", CultureInfo.InvariantCulture) ?? "";
        var csv = new StringBuilder("day,date,return,benchmark_return,expected,abnormal,car\n");
        foreach (var row in study.Rows)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{row.Day},{row.Date:yyyy-MM-dd},{F(row.Return)},{F(row.BenchmarkReturn)},{F(row.Expected)},{F(row.Abnormal)},{F(row.Car)}\n");
        }
        return csv.ToString();
    }
}
