using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace MarketContext.TestSupport;

/// <summary>
/// Which database engine the host tests run on. By default SQLite files in temp folders. With
/// <c>MarketContext__Provider=postgres</c> and a base <c>MarketContext__ConnectionString</c> in the environment
/// (scripts/test.sh's second run), every SQLite path a test names gets its own fresh PostgreSQL database
/// <c>mc_&lt;hash of the path&gt;</c>: a restart on the same path finds the same data, and two tests never share one.
/// The databases go when their temp folder does.
/// </summary>
public static class TestDatabase
{
    private static readonly ConcurrentDictionary<string, string> Created = new(StringComparer.Ordinal);

    static TestDatabase() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DropUnder("/");

    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("MarketContext__Provider"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server's database to connect to for CREATE/DROP DATABASE; by default the one scripts/start-services.sh sets up.</summary>
    private static string BaseConnectionString =>
        Environment.GetEnvironmentVariable("MarketContext__ConnectionString") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=marketcontext;Password=marketcontext;Database=marketcontext";

    /// <summary>The settings that put the app on the database standing for <paramref name="databasePath"/>.</summary>
    public static IReadOnlyDictionary<string, string?> SettingsFor(string databasePath)
    {
        if (!IsPostgres)
        {
            return new Dictionary<string, string?> { ["MarketContext:Provider"] = "sqlite" };
        }
        return new Dictionary<string, string?>
        {
            ["MarketContext:Provider"] = "postgres",
            ["MarketContext:ConnectionString"] = ConnectionStringFor(databasePath),
        };
    }

    /// <summary>The connection string of the PostgreSQL database standing for the path, created on first use.</summary>
    public static string ConnectionStringFor(string databasePath)
    {
        var name = Created.GetOrAdd(Path.GetFullPath(databasePath), path =>
        {
            var database = "mc_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..24].ToLowerInvariant();
            using var connection = new NpgsqlConnection(BaseConnectionString);
            connection.Open();
            using var create = new NpgsqlCommand($"create database {database}", connection);
            create.ExecuteNonQuery();
            return database;
        });
        return new NpgsqlConnectionStringBuilder(BaseConnectionString) { Database = name }.ToString();
    }

    /// <summary>Drops the databases of every path under the folder.</summary>
    public static void DropUnder(string folder)
    {
        if (Created.IsEmpty)
        {
            return;
        }
        var prefix = Path.GetFullPath(folder);
        foreach (var (path, database) in Created.ToArray())
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal) || !Created.TryRemove(path, out _))
            {
                continue;
            }
            try
            {
                NpgsqlConnection.ClearAllPools();
                using var connection = new NpgsqlConnection(BaseConnectionString);
                connection.Open();
                using var drop = new NpgsqlCommand($"drop database if exists {database} with (force)", connection);
                drop.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
                // Left behind; a later run's databases have other names.
            }
        }
    }
}
