using System.Net;
using System.Text.RegularExpressions;

namespace MarketContext.TestSupport;

/// <summary>A browser signed in through the real form: its client keeps the cookie, and <see cref="Cookie"/> is a copy of it.</summary>
public sealed partial class BrowserSession(HttpClient client, string cookie) : IDisposable
{
    public HttpClient Client { get; } = client;

    /// <summary>The session cookie as a <c>Cookie</c> header value, for a client that steals it.</summary>
    public string Cookie { get; } = cookie;

    public static async Task<BrowserSession> SignInAsync(MarketContextFactory factory, string name, string password)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.PostAsync("/Login", Form(await FormTokenAsync(client, "/Login"), ("Name", name), ("Password", password)));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {name}: {(int)response.StatusCode}");
        var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("marketcontext=", StringComparison.Ordinal));
        return new BrowserSession(client, cookie);
    }

    /// <summary>A client that sends only the copied cookie: what someone holding a copy of it can do.</summary>
    public HttpClient Copy(MarketContextFactory factory)
    {
        var copy = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", Cookie);
        return copy;
    }

    public async Task SignOutAsync()
    {
        var response = await Client.PostAsync("/Login?handler=Logout", Form(await FormTokenAsync(Client, "/")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Who the server takes the client for: the name, or null when anonymous.</summary>
    public static async Task<string?> WhoAsync(HttpClient client) => (await client.GetJsonAsync("/api/me")).Str("name");

    public static async Task<string> FormTokenAsync(HttpClient client, string page) => FormToken(await client.GetStringAsync(page));

    /// <summary>The antiforgery token of a page's form (its hidden <c>__RequestVerificationToken</c> field).</summary>
    public static string FormToken(string html) => WebUtility.HtmlDecode(FormTokenRegex().Match(html).Groups[1].Value);

    /// <summary>The antiforgery token the dashboard hands its script (<c>data-csrf</c>), sent back as a header.</summary>
    public static string PageToken(string html) => WebUtility.HtmlDecode(PageTokenRegex().Match(html).Groups[1].Value);

    public static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenRegex();

    [GeneratedRegex("data-csrf=\"([^\"]+)\"")]
    private static partial Regex PageTokenRegex();
}
