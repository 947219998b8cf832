using System.Net;
using System.Net.Http.Json;
using MarketContext.Web.Features.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.EventSets;

/// <summary>A set is its creator's account's, not any account that later bears the same name.</summary>
public sealed class EventSetOwnershipTests
{
    private static HttpClient As(MarketContextFactory factory, string name, string role = "editor") => factory.Authorize(factory.CreateClient(), name, role);

    [Fact]
    public async Task A_name_created_again_after_its_user_was_removed_does_not_change_that_users_set()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder);
        var users = factory.Services.GetRequiredService<UserStore>();
        using var original = As(factory, "set-olga");
        await (await original.PostAsJsonAsync("/api/event-sets", new { slug = "olgas-set", title = "Olga's" })).JsonAsync(HttpStatusCode.Created);
        await (await original.PostAsJsonAsync("/api/event-sets/olgas-set/events", EventSetEndpointTests.Event("O1"))).JsonAsync(HttpStatusCode.Created);
        await users.RemoveAsync("set-olga", "test");
        using var impostor = As(factory, "set-olga");
        using var admin = As(factory, "set-admin", "admin");

        var add = await impostor.PostAsJsonAsync("/api/event-sets/olgas-set/events", EventSetEndpointTests.Event("I1"));
        var delete = await impostor.DeleteAsync("/api/event-sets/olgas-set");

        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        await (await admin.PostAsJsonAsync("/api/event-sets/olgas-set/events", EventSetEndpointTests.Event("A1"))).JsonAsync(HttpStatusCode.Created);
        var set = await admin.GetJsonAsync("/api/event-sets/olgas-set");
        Assert.Equal(["A1", "O1"], set.GetProperty("events").EnumerateArray().Select(e => e.Str("id") ?? "").Order());
    }
}
