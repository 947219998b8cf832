using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketContext.Web.Features.Prices;

/// <summary>
/// What a series is to the dashboard: one of the vendors studied, the benchmark (the market), other context, or an
/// FX rate. In JSON and in the database it is the lower-case name: <c>vendor</c>, <c>benchmark</c>, <c>other</c>, <c>fx</c>.
/// </summary>
[JsonConverter(typeof(SeriesRoleJsonConverter))]
public enum SeriesRole
{
    Vendor,
    Benchmark,
    Other,
    Fx,
}

/// <summary>The role's lower-case name only: a number or an unknown name is refused, not read as some role.</summary>
public sealed class SeriesRoleJsonConverter() : JsonStringEnumConverter<SeriesRole>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

/// <summary>The role of every stored series at one moment: the vendors, the benchmark, and the role of any symbol.</summary>
public sealed class RoleMap
{
    private readonly IReadOnlyDictionary<string, SeriesRole> _bySymbol;

    internal RoleMap(long version, IReadOnlyDictionary<string, SeriesRole> bySymbol)
    {
        Version = version;
        _bySymbol = bySymbol;
        Vendors = [.. bySymbol.Where(r => r.Value == SeriesRole.Vendor).Select(r => r.Key).Order(StringComparer.Ordinal)];
        Benchmark = bySymbol.Where(r => r.Value == SeriesRole.Benchmark).Select(r => r.Key).Order(StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>The stored roles' version this map was read at.</summary>
    internal long Version { get; }

    /// <summary>The series studied and charted when none are named, by symbol.</summary>
    public IReadOnlyList<string> Vendors { get; }

    /// <summary>The market the vendors are measured against and overlaid with; null when no series is the benchmark.</summary>
    public string? Benchmark { get; }

    /// <summary>The role of a symbol; other for a symbol no series has.</summary>
    public SeriesRole Of(string symbol) => _bySymbol.GetValueOrDefault(symbol.ToUpperInvariant(), SeriesRole.Other);
}
