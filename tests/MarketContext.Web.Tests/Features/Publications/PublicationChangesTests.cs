using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Publications;
using MarketContext.Web.Tests.Features.Prices;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Publications;

/// <summary>
/// What changed since a publication: pins taken, then a split re-adjustment of ERIC (and of NOK, which the views do not
/// read), an edited event and annotations in and out of the view's days; the changes list exactly what the view reads.
/// </summary>
public sealed class PublicationChangesTests(VintagesApp app) : IClassFixture<VintagesApp>
{
    private static readonly IReadOnlyList<DateOnly> Days = PriceFixtures.RandomWalkDays;

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private PublicationChanges Changes => app.Factory.Services.GetRequiredService<PublicationChanges>();

    private async Task<long> LatestVintageAsync() =>
        (await Task.WhenAll(new[] { "QQQ", "ERIC", "NOK" }.Select(s => app.Client.GetJsonAsync($"/api/series/{s}/vintages"))))
            .SelectMany(v => v.EnumerateArray()).Max(v => v.GetProperty("id").GetInt64());

    /// <summary>A publication as publishing makes it: the view's query, and the same query with every pin written in.</summary>
    private static Publication Published(PublicationKind kind, string query, long vintage, string set, long seq)
    {
        var pins = new PublicationPins(vintage, set, seq, "test");
        var pinned = $"{query}&asOf={vintage}&eventSet={set}" + (kind == PublicationKind.Chart ? $"&annotationsAsOf={seq}" : "");
        return new Publication("changes", 1, kind, query, pinned, new PublicationFurniture("Title", null, null, null, null, null, "Alt"), pins, DateTime.UtcNow, "editor");
    }

    /// <summary>Every adjusted close before the split day halved, the closes as they were.</summary>
    private static string Resplit(string csv, DateOnly splitDay) => string.Join('\n', csv.TrimEnd('\n').Split('\n').Select(line =>
    {
        var cells = line.Split(',');
        if (!DateOnly.TryParse(cells[0], CultureInfo.InvariantCulture, out var day) || day >= splitDay)
        {
            return line;
        }
        cells[5] = (double.Parse(cells[4], CultureInfo.InvariantCulture) / 2).ToString("0.0000", CultureInfo.InvariantCulture);
        return string.Join(',', cells);
    })) + "\n";

    private async Task<long> ImportAsync(string symbol, string csv) =>
        (await (await app.Client.PostAsync($"/api/series/{symbol}/import", Api.Csv(csv))).JsonAsync()).GetProperty("vintage").GetInt64();

    private async Task<long> AnnotateAsync(DateOnly day, string text) =>
        (await (await app.Client.PostAsJsonAsync("/api/annotations", new { date = D(day), text })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();

    private static object Event(string id, string title, DateOnly day) => new { id, title, category = "legal", date = D(day), precision = "day" };

    [Fact]
    public async Task The_changes_list_exactly_the_revised_prices_the_edited_event_and_the_added_annotation_and_the_study_moves_as_computed_by_hand()
    {
        var slug = "changes-" + Guid.NewGuid().ToString("N")[..8];
        await (await app.Client.PostAsJsonAsync("/api/event-sets", new { slug, title = "Changes" })).JsonAsync(HttpStatusCode.Created);
        await (await app.Client.PostAsJsonAsync($"/api/event-sets/{slug}/events", Event("A1", "First title", Days[250]))).JsonAsync(HttpStatusCode.Created);
        await (await app.Client.PostAsJsonAsync($"/api/event-sets/{slug}/events", Event("A2", "On the split day", Days[200]))).JsonAsync(HttpStatusCode.Created);
        var version = (await app.Client.GetJsonAsync($"/api/event-sets/{slug}")).GetProperty("version").GetInt64();
        await AnnotateAsync(Days[120], "Before publishing");
        var seq = (await app.Client.GetAsync("/api/annotations")).Headers.GetValues("X-Annotations-Seq").Select(long.Parse).Single();
        var vintage = await LatestVintageAsync();
        var set = $"{slug}@{version}";
        var chartQuery = $"symbols=ERIC&from={D(Days[100])}&to={D(Days[260])}";
        var chart = Published(PublicationKind.Chart, chartQuery, vintage, set, seq);
        var study = Published(PublicationKind.Study, "symbol=ERIC&benchmark=QQQ&eventId=A2", vintage, set, seq);
        var aggregate = Published(PublicationKind.Aggregate, "symbols=ERIC&benchmark=QQQ&eventIds=A2", vintage, set, seq);

        foreach (var unchanged in new[] { chart, study, aggregate })
        {
            var answer = await Changes.ListAsync(unchanged);
            Assert.False(answer.Changed);
            Assert.True(answer.Prices.Revised.IsEmpty && answer.Prices.Added.IsEmpty);
            Assert.True(answer.Events.Added.IsEmpty && answer.Events.Edited.IsEmpty && answer.Events.Removed.IsEmpty);
            Assert.All(answer.Study ?? [], move => Assert.Equal(move.Then, move.Now));
        }
        var unchangedChart = await Changes.ListAsync(chart);
        Assert.True(unchangedChart.Annotations!.Added.IsEmpty && unchangedChart.Annotations.Edited.IsEmpty && unchangedChart.Annotations.Deleted.IsEmpty);

        var original = await File.ReadAllTextAsync(Path.Combine(app.Factory.PricesDirectory, "ERIC.csv"));
        var revision = await ImportAsync("ERIC", Resplit(original, Days[200]));
        await ImportAsync("NOK", Resplit(await File.ReadAllTextAsync(Path.Combine(app.Factory.PricesDirectory, "NOK.csv")), Days[200]));
        (await app.Client.PutAsJsonAsync($"/api/event-sets/{slug}/events/A1", Event("A1", "Second title", Days[250]))).EnsureSuccessStatusCode();
        var added = await AnnotateAsync(Days[220], "After publishing");
        await AnnotateAsync(Days[300], "After publishing, outside the chart's days");

        var changed = await Changes.ListAsync(chart);

        Assert.True(changed.Changed);
        // ERIC's days 100 to 199 of the chart's range were revised: the first 50 listed, 50 more counted.
        Assert.Equal(["ERIC"], changed.Prices.Symbols);
        Assert.Equal(50, changed.Prices.Revised.Items.Count);
        Assert.Equal(50, changed.Prices.Revised.More);
        var closes = original.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .ToDictionary(c => DateOnly.Parse(c[0], CultureInfo.InvariantCulture), c => double.Parse(c[4], CultureInfo.InvariantCulture));
        Assert.Equal(Days.Skip(100).Take(50), changed.Prices.Revised.Items.Select(r => r.Date));
        Assert.All(changed.Prices.Revised.Items, r =>
        {
            Assert.Equal(("ERIC", revision, closes[r.Date], closes[r.Date], closes[r.Date]), (r.Symbol, r.Vintage, r.OldClose, r.OldAdjClose, r.NewClose));
            Assert.Equal(double.Parse((closes[r.Date] / 2).ToString("0.0000", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), r.NewAdjClose!.Value, 6);
        });
        Assert.True(changed.Prices.Added.IsEmpty);
        var edited = Assert.Single(changed.Events.Edited.Items);
        Assert.Equal(("A1", "First title", "Second title"), (edited.Id, edited.Then!.Title, edited.Now!.Title));
        Assert.Contains("title", edited.Fields);
        Assert.DoesNotContain("date", edited.Fields);
        Assert.True(changed.Events.Added.IsEmpty && changed.Events.Removed.IsEmpty);
        Assert.Equal(added, Assert.Single(changed.Annotations!.Added.Items).Id);
        Assert.True(changed.Annotations.Edited.IsEmpty && changed.Annotations.Deleted.IsEmpty);
        Assert.Null(changed.Study);
        Assert.Equal($"/?{chartQuery}&eventSet={slug}", changed.LiveUrl);

        // On the split day ERIC's return r becomes (2·close/close₋₁ − 1) = 1 + 2r: the estimation window is unchanged, so
        // day 0's abnormal return and the CAR rise by 1 + r, and t (σ unchanged) in proportion to the CAR.
        var r = closes[Days[200]] / closes[Days[199]] - 1;
        var moved = Assert.Single((await Changes.ListAsync(study)).Study!);
        Assert.Equal(1 + r, moved.Now!.Car!.Value - moved.Then!.Car!.Value, 3);
        // (σ moves only by the rounding of the halved closes to four decimals.)
        Assert.InRange(moved.Now.T!.Value / moved.Then.T!.Value / (moved.Now.Car.Value / moved.Then.Car.Value), 0.999, 1.001);
        Assert.True(moved.Now.P < moved.Then.P);
        var samples = (await Changes.ListAsync(aggregate)).Study!;
        Assert.All(samples, sample => Assert.Equal(1 + r, sample.Now!.Car!.Value - sample.Then!.Car!.Value, 3));
    }

    [Fact]
    public void The_live_query_is_the_pinned_query_without_its_pins()
    {
        Assert.Equal("eventSet=huawei-5g-europe&symbols=ERIC%2CNOK", PublishedScopes.LiveQuery("asOf=12&annotationsAsOf=7&eventSet=huawei-5g-europe@3&symbols=ERIC,NOK"));
        Assert.Equal("/Events/Aggregate?eventIds=E1", PublishedScopes.LiveUrl(PublicationKind.Aggregate, "?eventIds=E1&asOf=2"));
        // The events page shows one study by its selection, event and symbol.
        Assert.Equal("/Events?benchmark=QQQ&selected=E1%3AERIC", PublishedScopes.LiveUrl(PublicationKind.Study, "symbol=ERIC&benchmark=QQQ&eventId=E1&asOf=3"));
    }
}
