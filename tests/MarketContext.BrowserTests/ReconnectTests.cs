using MarketContext.Web.Features.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>A page whose live connection drops reconnects by itself and then shows exactly what the server holds.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ReconnectTests(DashboardFixture app)
{
    /// <summary>Reconnecting waits out the page's back-off (up to 10 s between tries).</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Reconnecting = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_page_that_lost_its_connection_catches_up_exactly()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var api = await app.ApiClientAsync(await app.CreateUserAsync(Roles.Editor));
        // Annotations the page has seen before the gap, so that edits and deletes of known ones are missed too.
        var seen = new List<ServerAnnotation>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add(await api.AddAnnotationAsync($"2019-02-1{i}", $"Seen before the gap {i} {tag}"));
        }
        await using var page = await app.OpenDashboardAsync(trackSockets: true);
        foreach (var a in seen)
        {
            await Expect(page.AnnotationWithId(Id(a))).ToHaveCountAsync(1);
        }
        await page.MarkAsync();

        await page.LoseConnectionAsync();
        await Expect(page.ConnectionStatus).Not.ToHaveTextAsync("connected");

        // 20 changes while the page is away: 7 adds, 8 edits, 5 deletes, some of them to the same annotation.
        var n0 = await api.AddAnnotationAsync("2019-04-01", $"Added in the gap 0 {tag}");
        var n1 = await api.AddAnnotationAsync("2019-04-02", $"Added in the gap 1 {tag}");
        await api.EditAnnotationAsync(seen[0].Id, "2019-02-10", $"Seen, then edited in the gap {tag}");
        await api.DeleteAnnotationAsync(seen[1].Id);
        var n2 = await api.AddAnnotationAsync("2019-04-03", $"Added in the gap 2 {tag}");
        await api.EditAnnotationAsync(n0.Id, "2019-04-01", $"Added, then edited once {tag}");
        await api.DeleteAnnotationAsync(n1.Id);
        await api.EditAnnotationAsync(seen[2].Id, "2019-02-12", $"Seen, edited, to be deleted {tag}");
        await api.EditAnnotationAsync(seen[2].Id, "2019-02-12", $"Seen, edited twice, to be deleted {tag}");
        var n3 = await api.AddAnnotationAsync("2019-04-04", $"Added in the gap 3 {tag}");
        await api.DeleteAnnotationAsync(seen[2].Id);
        await api.EditAnnotationAsync(n2.Id, "2019-04-03", $"Added, edited, to be deleted {tag}");
        var n4 = await api.AddAnnotationAsync("2019-04-05", $"Added in the gap 4 {tag}");
        await api.EditAnnotationAsync(n3.Id, "2019-01-20", $"Added, then moved to an earlier date {tag}");
        await api.DeleteAnnotationAsync(n4.Id);
        await api.AddAnnotationAsync("2019-04-06", $"Added in the gap 5 {tag}");
        await api.EditAnnotationAsync(seen[3].Id, "2019-02-13", $"Seen, then edited in the gap too {tag}");
        await api.EditAnnotationAsync(n0.Id, "2019-04-01", $"Added, then edited twice {tag}");
        await api.DeleteAnnotationAsync(n2.Id);
        await api.AddAnnotationAsync("2019-04-07", $"Added in the gap 6 {tag}");

        // Still away, and none of it has reached the page some other way.
        Assert.NotEqual("connected", await page.ConnectionStatus.TextContentAsync());
        Assert.Equal(0, await page.AnnotationWithId(Id(n0)).CountAsync());
        Assert.Equal(1, await page.AnnotationWithId(Id(seen[1])).CountAsync());

        await page.RegainConnectionAsync();
        await Expect(page.ConnectionStatus).ToHaveTextAsync("connected", Reconnecting);

        await ExpectExactlyTheServersAnnotationsAsync(page, await api.AnnotationsAsync());
        await page.AssertNotReloadedAsync();
        page.AssertNoUncaughtErrors();
    }

    [Fact]
    public async Task An_editor_who_saved_while_disconnected_still_gets_the_changes_made_meanwhile()
    {
        using var othersApi = await app.ApiClientAsync(await app.CreateUserAsync(Roles.Editor));
        await using var editor = await app.OpenDashboardAsync(await app.CreateUserAsync(Roles.Editor), trackSockets: true);
        await editor.MarkAsync();
        await editor.LoseConnectionAsync();
        await Expect(editor.ConnectionStatus).Not.ToHaveTextAsync("connected");

        // Someone else writes first; then the editor saves over plain HTTP, which still works, and sees the save.
        var others = await othersApi.AddAnnotationAsync("2019-09-02", $"Written by someone else meanwhile {Guid.NewGuid():N}");
        var own = $"Saved while disconnected {Guid.NewGuid():N}";
        await editor.SubmitAnnotationAsync("2019-09-03", own);
        await Expect(editor.AnnotationWithText(own)).ToHaveCountAsync(1);

        await editor.RegainConnectionAsync();
        await Expect(editor.ConnectionStatus).ToHaveTextAsync("connected", Reconnecting);

        // The save's seq is one past the other change; the page must not take it as proof that it has seen that one.
        await Expect(editor.AnnotationWithId(Id(others))).ToHaveCountAsync(1);
        await ExpectExactlyTheServersAnnotationsAsync(editor, await othersApi.AnnotationsAsync());
        await editor.AssertNotReloadedAsync();
        editor.AssertNoUncaughtErrors();
    }

    private static string Id(ServerAnnotation a) => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The same annotations, by id and text, in the same order (by date, then id) as the server lists them.</summary>
    private static async Task ExpectExactlyTheServersAnnotationsAsync(DashboardPage page, List<ServerAnnotation> server)
    {
        await Expect(page.Annotations.Locator(".text")).ToHaveTextAsync(server.Select(a => a.Text));
        var ids = await page.Annotations.EvaluateAllAsync<string[]>("items => items.map((item) => item.dataset.annotationId)");
        Assert.Equal(server.Select(Id), ids);
    }
}
