using System.Net;
using System.Net.Http.Json;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>What was written can be taken back by an admin: every version, deleted ones too, and the log says so.</summary>
public sealed class RedactionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private HttpClient As(string name, string role) => app.Factory.Authorize(app.Factory.CreateClient(), name, role);

    [Fact]
    public async Task An_admin_redacts_the_text_of_a_live_and_a_deleted_annotation_in_every_version_and_the_audit_log_records_it()
    {
        using var editor = As("red-ed", "editor");
        using var admin = As("red-admin", "admin");
        var live = (await (await editor.PostAsJsonAsync("/api/annotations", new { date = "2020-02-13", text = "secret phone 555-0101" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await (await editor.PutAsJsonAsync($"/api/annotations/{live}", new { date = "2020-02-13", text = "secret phone 555-0102" })).JsonAsync();
        var deleted = (await (await editor.PostAsJsonAsync("/api/annotations", new { date = "2020-02-14", text = "secret address" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/api/annotations/{deleted}")).StatusCode);

        var byEditor = await editor.PostAsync($"/api/annotations/{live}/redact", null);
        var liveRedacted = await (await admin.PostAsync($"/api/annotations/{live}/redact", null)).JsonAsync();
        var deletedRedacted = await (await admin.PostAsync($"/api/annotations/{deleted}/redact", null)).JsonAsync();
        var unknown = await admin.PostAsync("/api/annotations/987654/redact", null);

        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Equal(2, liveRedacted.GetProperty("versions").GetInt64());
        Assert.Equal("red-admin", liveRedacted.Str("redactedBy"));
        Assert.Equal("[redacted]", liveRedacted.GetProperty("annotation").Str("text"));
        Assert.True(deletedRedacted.IsNull("annotation"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var anonymous = app.Factory.CreateClient();
        var everything = string.Join("\n",
            await anonymous.GetStringAsync("/api/annotations"),
            await anonymous.GetStringAsync("/api/annotations/changes?afterSeq=0"),
            await anonymous.GetStringAsync($"/api/annotations/{live}/history"),
            await anonymous.GetStringAsync($"/api/annotations/{deleted}/history"));
        Assert.DoesNotContain("secret", everything, StringComparison.Ordinal);
        Assert.Contains("[redacted]", await anonymous.GetStringAsync($"/api/annotations/{deleted}/history"), StringComparison.Ordinal);
        var audit = (await admin.GetJsonAsync("/api/admin/audit")).EnumerateArray().Where(e => e.Str("action") == "annotation redacted").ToList();
        Assert.Contains(audit, e => e.Str("actor") == "red-admin" && e.Str("target") == $"annotation {live}" && e.Str("at") is { Length: > 0 });
        Assert.Contains(audit, e => e.Str("actor") == "red-admin" && e.Str("target") == $"annotation {deleted}");
    }
}
