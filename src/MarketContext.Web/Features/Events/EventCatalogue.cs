using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketContext.Web.Features.Events;

/// <summary>The article's events as the project ships them (<c>policy-events.json</c>).</summary>
public static class EventCatalogue
{
    private static readonly Lazy<IReadOnlyList<PolicyEvent>> Events = new(Load);

    public static IReadOnlyList<PolicyEvent> All => Events.Value;

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static IReadOnlyList<PolicyEvent> Load()
    {
        using var stream = typeof(EventCatalogue).Assembly.GetManifestResourceStream("MarketContext.Web.Features.Events.policy-events.json")
            ?? throw new InvalidOperationException("The event catalogue is not embedded in the assembly.");
        return JsonSerializer.Deserialize<List<PolicyEvent>>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The event catalogue is empty.");
    }
}
