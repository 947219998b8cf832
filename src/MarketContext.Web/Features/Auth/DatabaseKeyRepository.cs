using System.Xml.Linq;
using Dapper;
using MarketContext.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace MarketContext.Web.Features.Auth;

/// <summary>
/// Keeps the data-protection key ring in the app's own database. On PostgreSQL every instance reads and writes
/// the same rows, so a cookie or antiforgery token issued by one is read by the others; on SQLite the keys
/// outlive a restart of the one instance, so nobody is signed out by a deployment.
/// </summary>
public sealed class DatabaseKeyRepository(Db db, TimeProvider clock, ILogger<DatabaseKeyRepository> logger) : IXmlRepository
{
    /// <summary>One name for every instance: keys are isolated per application name, not per machine or folder.</summary>
    public const string ApplicationName = "MarketContext";

    private const string AllSql = "select xml from data_protection_keys order by id";

    private const string StoreSql = """
        insert into data_protection_keys (friendly_name, xml, created_at) values (@FriendlyName, @Xml, @CreatedAt)
        """;

    // The interface is synchronous; the key ring is read rarely (at start-up, then about once a day) and cached.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        return [.. connection.Query<string>(AllSql).Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        connection.Execute(StoreSql, new
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        logger.LogInformation("Stored data-protection key {FriendlyName} in the database.", friendlyName);
    }
}

public static class SharedDataProtection
{
    /// <summary>The key ring in the database (see <see cref="DatabaseKeyRepository"/>), under one application name, encrypted as <see cref="KeyProtection"/> says.</summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, MarketContextOptions settings)
    {
        // Before the data-protection services: its check runs first at start, ahead of the first key being written.
        KeyProtection.Configure(services, settings);
        services.AddDataProtection().SetApplicationName(DatabaseKeyRepository.ApplicationName);
        services.AddSingleton<DatabaseKeyRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseKeyRepository>((options, repository) => options.XmlRepository = repository);
        return services;
    }
}
