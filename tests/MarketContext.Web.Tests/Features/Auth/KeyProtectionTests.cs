using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dapper;
using MarketContext.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Auth;

/// <summary>The keys that sign cookies, as a copy of the database holds them.</summary>
public sealed class KeyProtectionTests
{
    private static string WriteCertificate(TempFolder folder, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=MarketContext keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = folder.Combine("keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private static async Task<IReadOnlyList<string>> StoredKeysAsync(MarketContextFactory factory)
    {
        await using var connection = await factory.Services.GetRequiredService<Db>().OpenAsync();
        return [.. await connection.QueryAsync<string>("select xml from data_protection_keys")];
    }

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_a_restarted_server_still_reads_its_cookies()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["MarketContext:KeyCertificatePath"] = WriteCertificate(folder, "pfx-password"),
            ["MarketContext:KeyCertificatePassword"] = "pfx-password",
            ["MarketContext:AllowUnencryptedKeys"] = "false",
        };
        string cookie;
        IReadOnlyList<string> keys;
        await using (var first = MarketContextFactory.In(folder, settings))
        {
            first.TokenFor("key-kim", "editor");
            using var browser = await BrowserSession.SignInAsync(first, "key-kim", "password-of-key-kim");
            cookie = browser.Cookie;
            keys = await StoredKeysAsync(first);
        }
        await using var second = MarketContextFactory.In(folder, settings);
        using var copy = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        Assert.Equal("key-kim", await BrowserSession.WhoAsync(copy));
    }

    [Fact]
    public async Task In_production_without_a_certificate_the_server_refuses_to_start_unless_told_to_keep_keys_unencrypted()
    {
        using var folder = new TempFolder();
        await using var refused = new MarketContextFactory(folder.Combine("a.db"), folder.Combine("no-prices"), keysDirectory: null, environment: "Production");
        await using var allowed = new MarketContextFactory(folder.Combine("b.db"), folder.Combine("no-prices"), keysDirectory: null,
            new Dictionary<string, string?> { ["MarketContext:AllowUnencryptedKeys"] = "true" }, environment: "Production");

        var refusal = Assert.ThrowsAny<Exception>(() => refused.CreateClient());
        using var client = allowed.CreateClient();

        Assert.Contains("MarketContext:KeyCertificatePath", refusal.ToString(), StringComparison.Ordinal);
        Assert.Null(await BrowserSession.WhoAsync(client));
    }
}
