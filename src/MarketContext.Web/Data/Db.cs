using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using MarketContext.Web.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketContext.Web.Data;

/// <summary>Opens connections to the configured database; the one place that knows which engine it is.</summary>
public sealed class Db : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;
    private readonly int _busyTimeoutMs = 30_000;

    public Db(IOptions<MarketContextOptions> options, IHostEnvironment environment)
        : this(options.Value, environment.ContentRootPath)
    {
    }

    private Db(MarketContextOptions options, string contentRoot)
    {
        if (IsPostgresProvider(options.Provider))
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException("MarketContext:Provider is postgres but MarketContext:ConnectionString is not set.");
            }
            Dialect = SqlDialect.Postgres;
            _connectionString = options.ConnectionString;
            _postgres = NpgsqlDataSource.Create(_connectionString);
            DatabasePath = "";
            return;
        }
        if (!string.Equals(options.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"MarketContext:Provider is \"{options.Provider}\"; it is sqlite or postgres.");
        }
        DatabasePath = ResolvePath(options.Database, contentRoot);
        _busyTimeoutMs = (int)Math.Clamp(options.DatabaseBusySeconds * 1000, 0, int.MaxValue);
        Dialect = SqlDialect.Sqlite;
        _connectionString = SqliteConnectionString(DatabasePath, Math.Max(1, (int)Math.Ceiling(_busyTimeoutMs / 1000.0)));
    }

    public Db(string databasePath)
    {
        DatabasePath = databasePath;
        Dialect = SqlDialect.Sqlite;
        _connectionString = SqliteConnectionString(databasePath);
    }

    /// <summary>A PostgreSQL database given by its Npgsql connection string.</summary>
    public static Db ForPostgres(string connectionString) =>
        new(new MarketContextOptions { Provider = "postgres", ConnectionString = connectionString }, "");

    public static bool IsPostgresProvider(string? provider) =>
        string.Equals(provider, "postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(provider, "postgresql", StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite file; empty on PostgreSQL.</summary>
    public string DatabasePath { get; }

    public SqlDialect Dialect { get; }

    public static string ResolvePath(string path, string contentRoot) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));

    /// <param name="busySeconds">
    /// How long a command retries while another writer holds the lock: Microsoft.Data.Sqlite retries a busy database
    /// for the command timeout, on top of SQLite's own busy_timeout.
    /// </param>
    private static string SqliteConnectionString(string databasePath, int busySeconds = 30)
    {
        var directory = Path.GetDirectoryName(databasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        return new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Pooling = true,
            DefaultTimeout = busySeconds,
        }.ToString();
    }

    /// <summary>Closes the PostgreSQL pool with the app (SQLite's pool is process-wide).</summary>
    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>
    /// A connection, open. While it is, a span named by the calling method (<c>AnnotationStore.AddAsync</c>) stands for
    /// the statements it runs: a name a dashboard can group by, and never a parameter's value.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default, [CallerMemberName] string caller = "",
        [CallerFilePath] string callerFile = "")
    {
        var span = StartSpan(caller, callerFile);
        try
        {
            var connection = await OpenConnectionAsync(cancellationToken);
            if (span is not null)
            {
                connection.StateChange += (_, change) =>
                {
                    if (change.CurrentState == ConnectionState.Closed)
                    {
                        span.Dispose();
                    }
                };
            }
            return connection;
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name).Dispose();
            throw;
        }
    }

    private Activity? StartSpan(string caller, string callerFile)
    {
        if (!MarketContextTracing.Source.HasListeners())
        {
            return null;
        }
        var name = $"{Path.GetFileNameWithoutExtension(callerFile)}.{caller}";
        var span = MarketContextTracing.Source.StartActivity(name, ActivityKind.Client);
        span?.SetTag("db.system.name", _postgres is null ? "sqlite" : "postgresql").SetTag("code.function.name", name);
        return span;
    }

    private async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"{Dialect.ConnectionSetup} pragma busy_timeout = {_busyTimeoutMs};");
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
