using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MarketContext.Web.Features.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// The browser tests run in UTC and again west and east of it (scripts/test.sh sets <c>TZ</c>): days read the same in
/// every zone, and moments are shown in the viewer's own.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class TimeZoneTests(DashboardFixture app)
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(DashboardFixture.TimeZone);

    [Fact]
    public async Task The_browser_is_in_the_runs_time_zone()
    {
        await using var blank = await app.NewDashboardPageAsync();
        // Minutes west of UTC at noon on 16 March 2020 (Los Angeles: 420, Auckland: -780), as the browser counts them.
        var offset = -Zone.GetUtcOffset(new DateTime(2020, 3, 16, 12, 0, 0, DateTimeKind.Utc)).TotalMinutes;
        Assert.Equal(offset, await blank.Page.EvaluateAsync<double>("() => new Date('2020-03-16T12:00:00Z').getTimezoneOffset()"));
    }

    [Fact]
    public async Task An_annotations_history_shows_when_it_changed_in_the_viewers_time_zone()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        var added = await api.AddAnnotationAsync("2020-03-16", $"Zone check {Guid.NewGuid():N}");
        using var history = JsonDocument.Parse(await api.GetStringAsync($"/api/annotations/{added.Id}/history"));
        var changedAt = history.RootElement[0].GetProperty("changedAt").GetString()!;
        // A moment, not a wall-clock time: a browser reads a time without an offset as its own local time.
        Assert.Matches("(Z|[+-][0-9]{2}:[0-9]{2})$", changedAt);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(changedAt, CultureInfo.InvariantCulture), Zone);

        await using var dashboard = await app.OpenDashboardAsync(editor);
        var item = dashboard.AnnotationWithId(added.Id.ToString(CultureInfo.InvariantCulture));
        await item.GetByRole(AriaRole.Button, new() { Name = "History of the annotation of 2020-03-16" }).ClickAsync();

        // en-GB, as the browser context's locale: day/month/year, 24-hour clock.
        await Expect(item.GetByTestId("annotation-history").Locator("li").Nth(0))
            .ToContainTextAsync($"added by {editor.Name}, {local.ToString("dd/MM/yyyy, HH:mm:ss", CultureInfo.InvariantCulture)}");
        dashboard.AssertNoScriptErrors();
    }
}
