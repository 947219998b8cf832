using System.Data.Common;
using System.Text.Json;
using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Http;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Prices;

/// <summary>
/// The one place that says which series are the vendors, which is the benchmark and what any other series is:
/// every page, chart, study and download asks here. The stored role rules; configuration only seeds the role of a
/// series imported for the first time (<see cref="Seed"/>). There is one benchmark at a time: making a series the
/// benchmark makes the previous one other, in the same transaction. The roles are held in memory with the version
/// every role write bumps in its own transaction, so each request costs one one-row read, and a change made on
/// another instance of the same database is seen by the next request here.
/// </summary>
public sealed class SeriesRoles(Db db, IOptions<MarketContextOptions> options, TimeProvider clock)
{
    public static readonly IReadOnlyList<SeriesRole> All = Enum.GetValues<SeriesRole>();

    private const string VersionSql = "select version from data_versions where name = 'roles'";

    private const string RolesSql = "select symbol, role from instruments";

    private const string RoleOfSql = "select role from instruments where symbol = @symbol";

    private const string HoldersSql = "select symbol from instruments where role = @role";

    private const string SetSql = "update instruments set role = @role where symbol = @symbol";

    // Written in the transaction of the change it stands for; the row appears with the first change.
    private const string BumpVersionSql = """
        insert into data_versions (name, version) values ('roles', 1)
        on conflict (name) do update set version = data_versions.version + 1
        """;

    private RoleMap? _held;

    /// <summary>The role's name as JSON and the database write it: <c>vendor</c>, <c>benchmark</c>, <c>other</c>.</summary>
    public static string Name(SeriesRole role) => JsonNamingPolicy.CamelCase.ConvertName(role.ToString());

    public static SeriesRole Parse(string stored)
    {
        foreach (var role in All.Where(r => Name(r) == stored))
        {
            return role;
        }
        throw new InvalidDataException($"\"{stored}\" is not a series role.");
    }

    /// <summary>The refusal of a study that names no benchmark when no series is the benchmark.</summary>
    public static FieldError NoBenchmark =>
        new("No series is the benchmark: name one with benchmark=SYMBOL, or make a series the benchmark on the Import page.", Field: "benchmark");

    /// <summary>The roles as stored now.</summary>
    public async Task<RoleMap> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await CurrentAsync(connection);
    }

    /// <summary>The roles as stored now, read on a connection the caller has open for other reads too.</summary>
    public async Task<RoleMap> CurrentAsync(DbConnection connection)
    {
        // The version first: roles read after it are at least as new, so a map is never held under a newer version than its own.
        var version = await connection.ExecuteScalarAsync<long?>(VersionSql) ?? 0;
        if (Volatile.Read(ref _held) is { } held && held.Version == version)
        {
            return held;
        }
        var rows = await connection.QueryAsync<(string Symbol, string Role)>(RolesSql);
        var map = new RoleMap(version, rows.ToDictionary(r => r.Symbol, r => Parse(r.Role), StringComparer.Ordinal));
        Volatile.Write(ref _held, map);
        return map;
    }

    public async Task<IReadOnlyList<string>> VendorsAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Vendors;

    public async Task<string?> BenchmarkAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Benchmark;

    /// <summary>
    /// Gives a series a role, audited as done by <paramref name="actor"/>. A new benchmark takes over from the previous
    /// one, which becomes other in the same transaction. False when there is no such series.
    /// </summary>
    public async Task<bool> SetAsync(string symbol, SeriesRole role, string actor, CancellationToken cancellationToken = default)
    {
        symbol = symbol.ToUpperInvariant();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction);
        if (await connection.ExecuteScalarAsync<string?>(RoleOfSql, new { symbol }, transaction) is not { } stored)
        {
            return false;
        }
        var changes = new List<(string Symbol, SeriesRole From, SeriesRole To)>();
        if (role == SeriesRole.Benchmark)
        {
            var previous = await connection.QueryAsync<string>(HoldersSql, new { role = Name(SeriesRole.Benchmark) }, transaction);
            changes.AddRange(previous.Where(p => p != symbol).Select(p => (p, SeriesRole.Benchmark, SeriesRole.Other)));
        }
        if (Parse(stored) != role)
        {
            changes.Add((symbol, Parse(stored), role));
        }
        foreach (var (changed, from, to) in changes)
        {
            await connection.ExecuteAsync(SetSql, new { symbol = changed, role = Name(to) }, transaction);
            var why = changed == symbol ? "" : $" ({symbol} became the benchmark)";
            await AuditLog.RecordAsync(connection, transaction, clock.GetUtcNow().UtcDateTime, actor, "series role changed", changed, $"{Name(from)} → {Name(to)}{why}");
        }
        if (changes.Count > 0)
        {
            await connection.ExecuteAsync(BumpVersionSql, transaction: transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The role of a series about to be stored for the first time, in the transaction that stores it: what
    /// configuration seeds (<see cref="Seed"/>), given the benchmark the database has now.
    /// </summary>
    public async Task<SeriesRole> SeedAsync(DbConnection connection, DbTransaction transaction, string symbol)
    {
        await LockAsync(connection, transaction);
        var hasBenchmark = (await connection.QueryAsync<string>(HoldersSql, new { role = Name(SeriesRole.Benchmark) }, transaction)).Any();
        await connection.ExecuteAsync(BumpVersionSql, transaction: transaction);
        return Seed(symbol, options.Value, hasBenchmark);
    }

    /// <summary>
    /// Configuration seeds a series' role once, when the series is first imported: the configured benchmark
    /// (<c>MarketContext:Benchmark</c>) becomes the benchmark if the database has none yet, the configured vendors
    /// (<c>MarketContext:Vendors</c>) become vendors, every other series is other. After that only an editor changes it.
    /// </summary>
    public static SeriesRole Seed(string symbol, MarketContextOptions options, bool hasBenchmark)
    {
        var upper = symbol.ToUpperInvariant();
        if (ListingDefaults.For(upper).IsFxPair)
        {
            return SeriesRole.Fx;
        }
        if (!hasBenchmark && upper == options.Benchmark.Trim().ToUpperInvariant())
        {
            return SeriesRole.Benchmark;
        }
        var vendors = options.Vendors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return vendors.Contains(upper, StringComparer.OrdinalIgnoreCase) ? SeriesRole.Vendor : SeriesRole.Other;
    }

    // PostgreSQL's snapshots would let two writers both see no benchmark (or the same one): serialize them first.
    private async Task LockAsync(DbConnection connection, DbTransaction transaction)
    {
        if (db.Dialect.TransactionLock(SqlDialect.LockKey.Roles) is { } lockSql)
        {
            await connection.ExecuteAsync(lockSql, transaction: transaction);
        }
    }
}
