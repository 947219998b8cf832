using MarketContext.Web.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MarketContext.Web.Features.Health;

/// <summary>The schema is at the version this build expects.</summary>
public sealed class MigrationsCheck(Readiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsMigrated
            ? HealthCheckResult.Healthy("The database is migrated.")
            : HealthCheckResult.Unhealthy("The database is not migrated yet."));
}

/// <summary>The price files of the prices folder that the database lacked are in.</summary>
public sealed class StartupImportCheck(Readiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy("The start-up import has finished.")
            : HealthCheckResult.Unhealthy("The start-up import of the prices folder is still running."));
}

/// <summary>The database answers a query now, not just at start-up.</summary>
public sealed class DatabaseCheck(Db db) : IHealthCheck
{
    private const string PingSql = "select 1";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = PingSql;
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"The {db.Dialect.EngineName} database answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}

/// <summary>
/// A connection of its own to the configured Redis, for the health check only: SignalR's backplane keeps its
/// connection to itself. It fails fast while Redis is away and reconnects by itself when it is back.
/// </summary>
public sealed class RedisProbe(IOptions<MarketContextOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _connection;

    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken)
    {
        var connection = _connection ?? await ConnectAsync(cancellationToken);
        if (!connection.IsConnected)
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "not connected");
        }
        return await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken);
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                var configuration = ConfigurationOptions.Parse(options.Value.Redis!);
                configuration.AbortOnConnectFail = false;
                configuration.BacklogPolicy = BacklogPolicy.FailFast;
                configuration.ConnectTimeout = 3000;
                configuration.ReconnectRetryPolicy = new LinearRetry(500);
                _connection = await ConnectionMultiplexer.ConnectAsync(configuration);
            }
            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        _connecting.Dispose();
    }
}

/// <summary>Redis, when configured, answers: without it live updates stop reaching the other instances.</summary>
public sealed class RedisCheck(RedisProbe redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers ({latency.TotalMilliseconds:0.#} ms).");
        }
        catch (Exception e) when (e is RedisException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", e);
        }
    }
}
