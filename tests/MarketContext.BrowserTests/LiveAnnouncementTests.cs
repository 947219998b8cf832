using MarketContext.Web.Features.Auth;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>A live annotation is said politely in the page's live region, unless the viewer has paused the announcements.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveAnnouncementTests(DashboardFixture app)
{
    [Fact]
    public async Task An_annotation_added_through_the_api_is_announced_and_not_while_announcements_are_paused()
    {
        using var api = await app.ApiClientAsync(await app.CreateUserAsync(Roles.Editor));
        await using var viewer = await app.OpenDashboardAsync();
        var page = viewer.Page;
        var region = page.GetByTestId("annotation-announcer");
        await Expect(region).ToHaveAttributeAsync("aria-live", "polite");

        var heard = $"Announced {Guid.NewGuid():N}";
        await api.AddAnnotationAsync("2019-06-03", heard);
        await Expect(region).ToContainTextAsync(heard);
        await Expect(region).ToContainTextAsync("New annotation on 2019-06-03 by ");

        var toggle = page.GetByTestId("announce-toggle");
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(toggle).ToHaveTextAsync("Resume announcements");
        var unheard = $"Not announced {Guid.NewGuid():N}";
        await api.AddAnnotationAsync("2019-06-04", unheard);
        // The list shows it: the page has the change, and still says nothing of it.
        await Expect(viewer.AnnotationWithText(unheard)).ToHaveCountAsync(1);
        await Expect(region).Not.ToContainTextAsync(unheard);
        await Expect(region).ToContainTextAsync(heard);

        await page.Keyboard.PressAsync("Enter");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        var again = $"Announced again {Guid.NewGuid():N}";
        await api.AddAnnotationAsync("2019-06-05", again);
        await Expect(region).ToContainTextAsync(again);
        viewer.AssertNoScriptErrors();
    }
}
