using MarketContext.Web.Features.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>Two people on the dashboard at once: what one writes, the other sees without reloading.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveAnnotationTests(DashboardFixture app)
{
    [Fact]
    public async Task An_annotation_added_in_one_page_appears_in_the_other_without_reload()
    {
        await using var writer = await app.OpenDashboardAsync(await app.CreateUserAsync(Roles.Editor));
        await using var viewer = await app.OpenDashboardAsync();
        await viewer.MarkAsync();
        var text = $"Added live {Guid.NewGuid():N}";

        await writer.SubmitAnnotationAsync("2019-05-16", text, symbol: "ERIC");

        var seen = viewer.AnnotationWithText(text);
        await Expect(seen).ToHaveCountAsync(1);
        await Expect(seen.Locator(".text")).ToHaveTextAsync(text);
        await Expect(seen.Locator(".meta")).ToContainTextAsync("2019-05-16 · ERIC");
        await Expect(writer.AnnotationWithText(text)).ToHaveCountAsync(1);
        await viewer.AssertNotReloadedAsync();
        writer.AssertNoScriptErrors();
        viewer.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_annotation_edited_in_one_page_changes_in_the_other_without_reload()
    {
        await using var writer = await app.OpenDashboardAsync(await app.CreateUserAsync(Roles.Editor));
        await using var viewer = await app.OpenDashboardAsync();
        await viewer.MarkAsync();
        var before = $"Before edit {Guid.NewGuid():N}";
        var after = $"After edit {Guid.NewGuid():N}";
        await writer.SubmitAnnotationAsync("2019-08-13", before);
        await Expect(viewer.AnnotationWithText(before)).ToHaveCountAsync(1);
        var id = await viewer.AnnotationWithText(before).GetAttributeAsync("data-annotation-id");

        await writer.AnnotationWithText(before).GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(writer.Page.GetByTestId("annotation-text")).ToHaveValueAsync(before);
        await Expect(writer.Page.GetByTestId("annotation-date")).ToHaveValueAsync("2019-08-13");
        await writer.Page.GetByTestId("annotation-text").FillAsync(after);
        await writer.Page.GetByTestId("annotation-submit").ClickAsync();

        await Expect(viewer.AnnotationWithId(id!).Locator(".text")).ToHaveTextAsync(after);
        await Expect(viewer.AnnotationWithText(before)).ToHaveCountAsync(0);
        await Expect(writer.AnnotationWithId(id!).Locator(".text")).ToHaveTextAsync(after);
        await viewer.AssertNotReloadedAsync();
        writer.AssertNoScriptErrors();
        viewer.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_annotation_deleted_in_one_page_disappears_from_the_other_without_reload()
    {
        await using var writer = await app.OpenDashboardAsync(await app.CreateUserAsync(Roles.Editor));
        await using var viewer = await app.OpenDashboardAsync();
        await viewer.MarkAsync();
        var text = $"To be deleted {Guid.NewGuid():N}";
        await writer.SubmitAnnotationAsync("2019-12-02", text);
        await Expect(viewer.AnnotationWithText(text)).ToHaveCountAsync(1);
        var id = await viewer.AnnotationWithText(text).GetAttributeAsync("data-annotation-id");

        string? question = null;
        writer.Page.Dialog += async (_, dialog) =>
        {
            question = dialog.Message;
            await dialog.AcceptAsync();
        };
        await writer.AnnotationWithText(text).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(viewer.AnnotationWithId(id!)).ToHaveCountAsync(0);
        await Expect(writer.AnnotationWithId(id!)).ToHaveCountAsync(0);
        Assert.Contains("2019-12-02", question);
        await viewer.AssertNotReloadedAsync();
        writer.AssertNoScriptErrors();
        viewer.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Two_users_see_each_others_changes_live()
    {
        await using var alice = await app.OpenDashboardAsync(await app.CreateUserAsync(Roles.Editor, "alice"));
        await using var bob = await app.OpenDashboardAsync(await app.CreateUserAsync(Roles.Editor, "bob"));
        await alice.MarkAsync();
        await bob.MarkAsync();
        var first = $"Alice's first wording {Guid.NewGuid():N}";
        var second = $"Alice's second wording {Guid.NewGuid():N}";
        var bobs = $"Bob's note {Guid.NewGuid():N}";

        // Alice adds: Bob sees it at once, with her name and without the buttons that only she (or an admin) may use.
        await alice.SubmitAnnotationAsync("2019-07-15", first, symbol: "NOK");
        var onBobs = bob.AnnotationWithText(first);
        await Expect(onBobs).ToHaveCountAsync(1);
        await Expect(onBobs.Locator(".meta")).ToHaveTextAsync("2019-07-15 · NOK · alice");
        var id = await onBobs.GetAttributeAsync("data-annotation-id");
        await Expect(alice.AnnotationWithId(id!).GetByRole(AriaRole.Button, new() { Name = "Edit" })).ToBeVisibleAsync();
        await Expect(alice.AnnotationWithId(id!).GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToBeVisibleAsync();
        await Expect(bob.AnnotationWithId(id!).Locator("button.edit, button.delete")).ToHaveCountAsync(0);

        // Bob adds too: the same holds the other way round.
        await bob.SubmitAnnotationAsync("2019-07-16", bobs);
        await Expect(alice.AnnotationWithText(bobs)).ToHaveCountAsync(1);
        await Expect(alice.AnnotationWithText(bobs).Locator(".meta")).ToHaveTextAsync("2019-07-16 · bob");
        await Expect(alice.AnnotationWithText(bobs).Locator("button.edit, button.delete")).ToHaveCountAsync(0);
        await Expect(bob.AnnotationWithText(bobs).GetByRole(AriaRole.Button, new() { Name = "Edit" })).ToBeVisibleAsync();

        // Alice edits: Bob's copy changes in place, still without buttons.
        await alice.AnnotationWithId(id!).GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(alice.Page.GetByTestId("annotation-text")).ToHaveValueAsync(first);
        await alice.Page.GetByTestId("annotation-text").FillAsync(second);
        await alice.Page.GetByTestId("annotation-submit").ClickAsync();
        await Expect(bob.AnnotationWithId(id!).Locator(".text")).ToHaveTextAsync(second);
        await Expect(bob.AnnotationWithText(first)).ToHaveCountAsync(0);
        await Expect(bob.AnnotationWithId(id!).Locator("button.edit, button.delete")).ToHaveCountAsync(0);

        // Alice deletes: it leaves Bob's page; Bob's own note stays.
        alice.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await alice.AnnotationWithId(id!).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(bob.AnnotationWithId(id!)).ToHaveCountAsync(0);
        await Expect(alice.AnnotationWithId(id!)).ToHaveCountAsync(0);
        await Expect(bob.AnnotationWithText(bobs)).ToHaveCountAsync(1);

        await alice.AssertNotReloadedAsync();
        await bob.AssertNotReloadedAsync();
        alice.AssertNoScriptErrors();
        bob.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Hostile_annotation_text_stays_inert_text_in_both_pages()
    {
        const string Hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=1</script>";
        await using var writer = await app.OpenDashboardAsync(await app.CreateUserAsync(Roles.Editor));
        await using var viewer = await app.OpenDashboardAsync();
        // A unique date tells this annotation apart from any other test's, since the text itself must stay exact.
        await writer.SubmitAnnotationAsync("2019-03-07", Hostile);

        foreach (var page in new[] { writer, viewer })
        {
            var item = page.AnnotationWithText(Hostile);
            await Expect(item).ToHaveCountAsync(1);
            Assert.Equal(Hostile, await item.Locator(".text").TextContentAsync());
            await Expect(page.Page.Locator("[data-testid=annotation-list] img[src=x]")).ToHaveCountAsync(0);
            await Expect(page.Page.Locator("[data-testid=annotation-list] script")).ToHaveCountAsync(0);
            // The chart redraws with the annotation's marker, whose label and tooltip carry the same text.
            var id = await item.GetAttributeAsync("data-annotation-id");
            var marker = page.Page.Locator($"[data-testid=chart] .marker[data-kind=annotation][data-id=\"{id}\"]");
            await marker.FocusAsync();
            var tooltip = page.Page.Locator("#chart-tooltip");
            await Expect(tooltip).ToBeVisibleAsync();
            Assert.Equal(Hostile, await tooltip.Locator(".text").TextContentAsync());
            Assert.Equal($"Annotation on 2019-03-07: {Hostile}", await marker.GetAttributeAsync("aria-label"));
            Assert.Equal(0, await page.Page.Locator("img[src=x]").CountAsync());
            Assert.True(await page.Page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"));
        }
        writer.AssertNoScriptErrors();
        viewer.AssertNoScriptErrors();
    }
}
