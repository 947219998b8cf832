using MarketContext.Web.Data;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.Prices;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Health;

/// <summary>Before the site answers: migrate, import the price files the database lacks.</summary>
public sealed class StartupTasks(Db db, PriceFolderImport folderImport, IOptions<MarketContextOptions> options,
    IHostEnvironment environment, Readiness readiness, TimeProvider clock, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await PrepareDatabaseAsync(db, clock, cancellationToken);
        readiness.MarkMigrated();

        await ImportFolderAsync(options.Value.PricesDirectory, "PricesDirectory", warnWhenMissing: true, cancellationToken);
        // The home-market listings, indices and FX rates: a second folder, skipped when unset or absent.
        if (!string.IsNullOrWhiteSpace(options.Value.MarketsDirectory))
        {
            await ImportFolderAsync(options.Value.MarketsDirectory, "MarketsDirectory", warnWhenMissing: false, cancellationToken);
        }
        readiness.MarkReady();
    }

    private async Task ImportFolderAsync(string setting, string key, bool warnWhenMissing, CancellationToken cancellationToken)
    {
        var folder = Db.ResolvePath(setting, environment.ContentRootPath);
        if (!Directory.Exists(folder))
        {
            if (warnWhenMissing)
            {
                logger.LogWarning("No prices folder at {Folder}; set MarketContext:{Key} or import files with the import verb.", folder, key);
            }
            return;
        }
        foreach (var result in await folderImport.ImportAsync(folder, onlyMissing: true, cancellationToken))
        {
            // Each import is logged by the importer; a refused start-up file is an error the operator must fix.
            if (result.Report is null)
            {
                logger.LogError("Refused {File}: {Message} First error: line {Line}: {Error}", Path.GetFileName(result.File),
                    result.Rejection!.Message, result.Rejection.File.Errors[0].Line, result.Rejection.File.Errors[0].Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task PrepareDatabaseAsync(Db db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await Migrator.MigrateAsync(connection, db.Dialect, cancellationToken, clock);
    }
}
