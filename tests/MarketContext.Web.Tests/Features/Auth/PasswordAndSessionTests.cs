using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Auth;

public sealed class PasswordAndSessionTests
{
    private static async Task<HttpStatusCode> SignInAsync(HttpClient client, string name, string password)
    {
        var token = await BrowserSession.FormTokenAsync(client, "/Login");
        return (await client.PostAsync("/Login", BrowserSession.Form(token, ("Name", name), ("Password", password)))).StatusCode;
    }

    private static async Task<string> StoredHashAsync(MarketContextFactory factory, string name)
    {
        await using var connection = await factory.Services.GetRequiredService<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<string>("select password_hash from users where name = @name", new { name }) ?? "";
    }

    // Recomputed here from the stored salt with the framework's PBKDF2, not through the app's own code.
    private static bool IsPbkdf2Sha256Of(string stored, string password, int iterations)
    {
        var parts = stored.Split('$');
        return parts.Length == 4 && parts[0] == "pbkdf2-sha256" && parts[1] == iterations.ToString(System.Globalization.CultureInfo.InvariantCulture)
            && Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, 32)
                .SequenceEqual(Convert.FromBase64String(parts[3]));
    }

    [Fact]
    public async Task One_account_guessed_at_from_anywhere_is_held_back_with_growing_waits_while_others_sign_in()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        // The per-address limit out of the way: only the per-account one can refuse here.
        await using var factory = MarketContextFactory.In(folder, new Dictionary<string, string?> { ["MarketContext:SignInAttemptsPerMinute"] = "1000" }, clock);
        factory.TokenFor("thr-ann", "editor");
        factory.TokenFor("thr-bob", "editor");
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            guesses.Add(await SignInAsync(client, "thr-ann", $"guess-{i}"));
        }
        var rightPasswordWhileHeld = await SignInAsync(client, "THR-ANN", "password-of-thr-ann");
        var otherAccount = await SignInAsync(client, "thr-bob", "password-of-thr-bob");
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var afterFirstWait = await SignInAsync(client, "thr-ann", "guess-again");
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var stillHeld = await SignInAsync(client, "thr-ann", "password-of-thr-ann");
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterSecondWait = await SignInAsync(client, "thr-ann", "password-of-thr-ann");

        Assert.All(guesses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPasswordWhileHeld);
        Assert.Equal(HttpStatusCode.Redirect, otherAccount);
        Assert.Equal(HttpStatusCode.OK, afterFirstWait);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillHeld);
        Assert.Equal(HttpStatusCode.Redirect, afterSecondWait);
    }

    [Fact]
    public async Task Passwords_are_stored_as_PBKDF2_SHA256_with_600000_iterations_and_old_hashes_are_upgraded_at_sign_in()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder);
        var users = factory.Services.GetRequiredService<UserStore>();
        await users.AddAsync("hash-new", "password-of-hash-new", Roles.Editor);
        await users.AddAsync("hash-old", "some other password", Roles.Editor);
        // What earlier versions stored: ASP.NET Core Identity's own format.
        var legacy = new PasswordHasher<User>().HashPassword(new User(0, "hash-old", Roles.Editor), "password-of-hash-old");
        await using (var connection = await factory.Services.GetRequiredService<Db>().OpenAsync())
        {
            await connection.ExecuteAsync("update users set password_hash = @legacy where name = 'hash-old'", new { legacy });
        }
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var signedIn = await SignInAsync(client, "hash-old", "password-of-hash-old");
        var upgraded = await StoredHashAsync(factory, "hash-old");

        Assert.True(IsPbkdf2Sha256Of(await StoredHashAsync(factory, "hash-new"), "password-of-hash-new", 600_000));
        Assert.Equal(HttpStatusCode.Redirect, signedIn);
        Assert.NotEqual(legacy, upgraded);
        Assert.True(IsPbkdf2Sha256Of(upgraded, "password-of-hash-old", 600_000));
    }

    [Fact]
    public async Task A_session_ends_after_its_idle_time_without_a_request()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        await using var factory = MarketContextFactory.In(folder, new Dictionary<string, string?> { ["MarketContext:SessionIdleMinutes"] = "30" }, clock);
        factory.TokenFor("idle-ida", "editor");
        using var browser = await BrowserSession.SignInAsync(factory, "idle-ida", "password-of-idle-ida");

        clock.Advance(TimeSpan.FromMinutes(20));
        var activeAfter20 = await BrowserSession.WhoAsync(browser.Client);
        clock.Advance(TimeSpan.FromMinutes(20));
        var activeAfter40 = await BrowserSession.WhoAsync(browser.Client);
        clock.Advance(TimeSpan.FromMinutes(31));
        var idleFor31 = await BrowserSession.WhoAsync(browser.Client);

        Assert.Equal("idle-ida", activeAfter20);
        Assert.Equal("idle-ida", activeAfter40);
        Assert.Null(idleFor31);
    }
}
