using System.Data.Common;
using System.Globalization;
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

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
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
