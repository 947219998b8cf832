using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// The event stepper walks every event, those the prices cannot study included: a study the data cannot give is an
/// answer ("no study for this event", with the server's reason), said and shown, never an error in the browser.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class EventStepperTests(DashboardFixture app)
{
    [Fact]
    public async Task Stepping_through_every_event_logs_no_console_error_and_says_why_an_event_has_no_study()
    {
        await using var dashboard = await app.OpenDashboardAsync();
        var page = dashboard.Page;
        await ChartGeometry.WaitForChartAsync(page);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);

        var announcer = page.GetByTestId("event-announcer");
        var next = page.GetByTestId("event-next");
        var refusals = new List<string>();
        for (var position = 1; ; position++)
        {
            await next.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(announcer).ToHaveTextAsync(new Regex($@"(, event {position} of \d+: .*(ERIC|NOK): .*(ERIC|NOK): )|^No later event\.$"));
            var said = (await announcer.TextContentAsync())!;
            if (said == "No later event.")
            {
                Assert.True(position > 10, $"The stepper stopped after {position - 1} events.");
                break;
            }
            if (said.Contains("no study for this event: ", StringComparison.Ordinal))
            {
                refusals.Add(said);
                // The study panel says the same instead of a failure it would try again.
                await Expect(page.GetByTestId("study-summary")).ToHaveTextAsync(new Regex("^No study for this event: .+"));
                await Expect(page.GetByTestId("study-chart")).ToBeHiddenAsync();
            }
        }

        // The generated prices cover 2019-01 to 2020-06: the events outside have too little data for a study.
        Assert.NotEmpty(refusals);
        Assert.All(refusals, said => Assert.Matches(NoStudy(), said));
        // The reason is the server's, word for word as the single study's problem gives it.
        var first = EventId().Match(refusals[0]).Value;
        using var api = await app.ApiClientAsync();
        using var refused = await api.GetAsync($"/api/event-study?symbol=ERIC&eventId={first}");
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains($"ERIC: no study for this event: {problem.RootElement.GetProperty("detail").GetString()!.TrimEnd('.')}.", refusals[0], StringComparison.Ordinal);
        await page.WaitForTimeoutAsync(1500);
        Assert.True(consoleErrors.Count == 0, $"The browser logged while stepping:\n{string.Join("\n", consoleErrors)}");
    }

    [GeneratedRegex(@"(ERIC|NOK): no study for this event: \S.+\.")]
    private static partial Regex NoStudy();

    [GeneratedRegex(@"^\w+")]
    private static partial Regex EventId();
}
