using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketContext.Web.Features.Events;

/// <summary>
/// The article's events as the project ships them (<c>policy-events.json</c>), read once into memory: the
/// catalogue changes only with a new release, so the database keeps no copy of it.
/// </summary>
public static class EventCatalogue
{
    private const string Resource = "MarketContext.Web.Features.Events.policy-events.json";

    private static readonly Lazy<IReadOnlyList<PolicyEvent>> Events = new(Load);

    private static readonly Lazy<string> ContentHash = new(() =>
    {
        using var stream = Open();
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream))[..12];
    });

    /// <summary>Dated events by date (then id), the undated ones last: the order every list and chart shows.</summary>
    public static IReadOnlyList<PolicyEvent> All => Events.Value;

    /// <summary>Changes whenever the shipped catalogue does, so that cached pictures of its events are redrawn.</summary>
    public static string Hash => ContentHash.Value;

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static IReadOnlyList<PolicyEvent> Load()
    {
        using var stream = Open();
        var events = JsonSerializer.Deserialize<List<PolicyEvent>>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The event catalogue is empty.");
        return [.. events.OrderBy(e => e.Date is null).ThenBy(e => e.Date).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }

    private static Stream Open() => typeof(EventCatalogue).Assembly.GetManifestResourceStream(Resource)
        ?? throw new InvalidOperationException("The event catalogue is not embedded in the assembly.");
}
