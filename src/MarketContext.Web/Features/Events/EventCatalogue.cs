using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketContext.Web.Features.Events;

/// <summary>The article's events as the project ships them (<c>policy-events.json</c>).</summary>
public static class EventCatalogue
{
    private const string Resource = "MarketContext.Web.Features.Events.policy-events.json";

    private static readonly Lazy<IReadOnlyList<PolicyEvent>> Events = new(Load);

    private static readonly Lazy<string> ContentHash = new(() =>
    {
        using var stream = Open();
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream))[..12];
    });

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
        return JsonSerializer.Deserialize<List<PolicyEvent>>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The event catalogue is empty.");
    }

    private static Stream Open() => typeof(EventCatalogue).Assembly.GetManifestResourceStream(Resource)
        ?? throw new InvalidOperationException("The event catalogue is not embedded in the assembly.");
}
