using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.EventStudy.Aggregate;

namespace MarketContext.Tests.Features.EventStudy.Aggregate;

public class AggregateCalculatorTests
{
    private static readonly List<DateOnly> Days = SyntheticMarket.Weekdays(new DateOnly(2019, 1, 1), 400);

    private static SymbolReturns Returns(string symbol, int seed)
    {
        var (stock, benchmark) = SyntheticMarket.MarketModelPair(Days, 0.0002, 1.1, 0.015, seed);
        return new SymbolReturns(symbol, ReturnSeries.Join(stock, benchmark, ReturnKind.Simple), null);
    }

    private static PolicyEvent Event(string id, DateOnly date, params string[] companies) => new(
        id, date, null, "day", date, null, id, id, "", "legal", [], false, null, "", companies, [], "high");

    [Fact]
    public void The_pooled_aar_is_the_member_weighted_mean_of_the_symbols_aars_and_each_member_matches_its_single_study()
    {
        StudyTarget[] targets = [new("A", Days[200]), new("B", Days[260]), new("C", Days[320])];
        var series = new[] { Returns("ERIC", 1), Returns("NOK", 2) };
        var parameters = new EventStudyParameters();

        var study = AggregateCalculator.Run(series, targets, [], "QQQ", parameters, []);

        Assert.Equal(["ERIC", "NOK", "pooled"], study.Samples.Select(s => s.Name));
        var (eric, nok, pooled) = (study.Samples[0], study.Samples[1], study.Samples[2]);
        for (var k = 0; k < pooled.Days.Count; k++)
        {
            Assert.Equal((eric.Days[k].Aar + nok.Days[k].Aar) / 2, pooled.Days[k].Aar, 14);
        }
        foreach (var member in eric.Members)
        {
            var single = EventStudyCalculator.Run(series[0].Returns!, member.Date, parameters, "ERIC", "QQQ").Result!;
            Assert.Equal(single.Car, member.Car, 14);
            Assert.Equal(single.Day0, member.Day0);
        }
    }

    [Fact]
    public void Members_too_early_for_their_estimation_window_are_left_out_with_the_reason()
    {
        var study = AggregateCalculator.Run([Returns("ERIC", 1)], [new("EARLY", Days[50]), new("A", Days[200]), new("B", Days[300])], [], "QQQ", new EventStudyParameters(), []);

        var eric = Assert.Single(study.Samples);
        Assert.Equal(2, eric.N);
        var leftOut = Assert.Single(eric.LeftOut);
        Assert.Equal("EARLY", leftOut.EventId);
        Assert.Contains("estimation window needs 131", leftOut.Reason);
    }

    [Fact]
    public void Flags_name_overlapping_windows_other_days_zero_and_company_shocks_once_per_event()
    {
        var a = new MemberSpan("ERIC", "A", Days[200], Days[200], Days[195], Days[205], Days[70], Days[189]);
        var b = new MemberSpan("ERIC", "B", Days[203], Days[203], Days[198], Days[208], Days[73], Days[192]);
        var bForNok = b with { Symbol = "NOK" };
        var c = new MemberSpan("ERIC", "C", Days[100], Days[100], Days[95], Days[105], Days[0], Days[89]);
        var shocks = MemberFlags.Shocks([Event("S1", Days[150], "ERIC"), Event("S2", Days[150], "NOK"), Event("S3", Days[202], "ERIC")], moment => moment.Day);

        var flags = MemberFlags.For(a, [c, a, b, bForNok], shocks);

        Assert.Equal(
            [("day0-in-estimation", "C"), ("window-overlap", "B"), ("shock-in-estimation", "S1"), ("shock-in-window", "S3")],
            flags.Select(f => (f.Kind, f.EventId!)));
    }

    [Fact]
    public void Targets_from_a_category_are_its_dated_events_in_date_order_and_unknown_ids_are_named()
    {
        PolicyEvent[] catalogue = [Event("E2", new DateOnly(2020, 2, 3)), Event("E1", new DateOnly(2020, 1, 6)), Event("U1", new DateOnly(2020, 1, 6)) with { Date = null, Category = "legal" }];
        var byCategory = new AggregateStudyQuery { Category = "legal" }.ToQuery("QQQ");
        var (targets, undated, refusal) = AggregateService.Targets(byCategory!, catalogue);
        Assert.Null(refusal);
        Assert.Equal(["E1", "E2"], targets.Select(t => t.EventId));
        Assert.Empty(undated);

        var byIds = new AggregateStudyQuery { EventIds = "E1,U1,NOPE" }.ToQuery("QQQ");
        var (_, _, unknown) = AggregateService.Targets(byIds!, catalogue);
        Assert.Equal(StudyRefusalKind.Unknown, unknown!.Kind);
        Assert.Contains("\"NOPE\"", unknown.Detail);
    }

    [Fact]
    public void A_study_whose_caller_has_gone_stops_instead_of_testing_every_member()
    {
        StudyTarget[] targets = [new("A", Days[200]), new("B", Days[260]), new("C", Days[320])];
        using var gone = new CancellationTokenSource();
        gone.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            AggregateCalculator.Run([Returns("ERIC", 1), Returns("NOK", 2)], targets, [], "QQQ", new EventStudyParameters(), [], cancellationToken: gone.Token));
    }
}
