using MarketContext.Web.Features.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MarketContext.Tests.Features.Health;

/// <summary>
/// The host tests only ever see a started app, where start-up has finished by the time anything answers; here the
/// checks are asked at each stage of start-up, so a check that always said healthy would fail.
/// </summary>
public sealed class StartupChecksTests
{
    private static HealthStatus StatusOf(IHealthCheck check) => check.CheckHealthAsync(new HealthCheckContext()).Result.Status;

    [Fact]
    public void Before_migrating_neither_the_migrations_nor_the_start_up_import_are_healthy()
    {
        var readiness = new Readiness();

        Assert.Equal(HealthStatus.Unhealthy, StatusOf(new MigrationsCheck(readiness)));
        Assert.Equal(HealthStatus.Unhealthy, StatusOf(new StartupImportCheck(readiness)));
    }

    [Fact]
    public void Migrated_but_still_importing_is_healthy_migrations_and_an_unhealthy_import()
    {
        var readiness = new Readiness();

        readiness.MarkMigrated();

        Assert.Equal(HealthStatus.Healthy, StatusOf(new MigrationsCheck(readiness)));
        Assert.Equal(HealthStatus.Unhealthy, StatusOf(new StartupImportCheck(readiness)));
    }

    [Fact]
    public void Ready_is_healthy_on_both()
    {
        var readiness = new Readiness();

        readiness.MarkReady();

        Assert.Equal(HealthStatus.Healthy, StatusOf(new MigrationsCheck(readiness)));
        Assert.Equal(HealthStatus.Healthy, StatusOf(new StartupImportCheck(readiness)));
    }
}
