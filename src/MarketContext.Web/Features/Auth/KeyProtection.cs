using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Auth;

/// <summary>
/// The data-protection keys sign every cookie and antiforgery token, so a copy of the database that holds them in
/// the clear is enough to forge an administrator's cookie. With <c>MarketContext:KeyCertificatePath</c> each new key
/// is encrypted to that certificate before it is stored (every instance needs the same certificate); without one the
/// app starts only when <c>MarketContext:AllowUnencryptedKeys</c> says so, and then warns.
/// </summary>
public sealed class KeyProtection(X509Certificate2? certificate, IOptions<MarketContextOptions> options, IHostEnvironment environment, ILogger<KeyProtection> logger)
    : IHostedService
{
    /// <summary>The certificate new keys are encrypted to, or null when they are stored unencrypted.</summary>
    public X509Certificate2? Certificate => certificate;

    public bool AllowsUnencrypted => options.Value.AllowUnencryptedKeys
        ?? (environment.IsDevelopment() || environment.IsEnvironment("Testing"));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Certificate is not null)
        {
            return Task.CompletedTask;
        }
        if (!AllowsUnencrypted)
        {
            throw new InvalidOperationException("The data-protection keys would be stored unencrypted: give a certificate with "
                + "MarketContext:KeyCertificatePath (and KeyCertificatePassword), or set MarketContext:AllowUnencryptedKeys=true "
                + "to accept that a copy of the database is enough to forge a sign-in cookie.");
        }
        logger.LogWarning("Data-protection keys are stored unencrypted in the database (MarketContext:AllowUnencryptedKeys): "
            + "a copy of the database is enough to forge a sign-in cookie. Give a certificate with MarketContext:KeyCertificatePath.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static X509Certificate2? Load(MarketContextOptions settings)
    {
        if (settings.KeyCertificatePath is not { Length: > 0 } path)
        {
            return null;
        }
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.KeyCertificatePassword);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The certificate in {path} has no private key: the keys could be encrypted but never read back.");
    }

    /// <summary>
    /// Encrypts new keys to the certificate and decrypts with it, with no certificate store involved. Decided from the
    /// settings known when services are registered (as the Redis backplane is): the data-protection builder takes
    /// the certificate itself.
    /// </summary>
    internal static void Configure(IServiceCollection services, MarketContextOptions settings)
    {
        var certificate = Load(settings);
        services.AddSingleton(sp => new KeyProtection(certificate, sp.GetRequiredService<IOptions<MarketContextOptions>>(),
            sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<ILogger<KeyProtection>>()));
        services.AddHostedService(sp => sp.GetRequiredService<KeyProtection>());
        if (certificate is not null)
        {
            services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
    }
}
