using System.Text.Json;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.EventSets;

/// <summary>The JSON export of a set: its description and events, as the API answers them.</summary>
public sealed record EventSetFile(string Slug, string Title, string Description, long Version, IReadOnlyList<SetCategory> Categories, IReadOnlyList<SetEvent> Events);

/// <summary>
/// Reads a JSON file of events: the export's object (its <c>events</c>) or a bare array of events. Each event is
/// numbered by the line its object starts on, so a refusal points into the file.
/// </summary>
public static class EventJsonFile
{
    public static string Write(EventSetView set) =>
        JsonSerializer.Serialize(new EventSetFile(set.Slug, set.Title, set.Description, set.Version, set.Categories, set.Events), EventSetStore.Json);

    public static (List<FileEvent> Events, List<FieldError> Errors) Read(byte[] utf8)
    {
        var events = new List<FileEvent>();
        var errors = new List<FieldError>();
        var body = utf8.AsSpan().StartsWith("\uFEFF"u8) ? utf8.AsMemory(3) : utf8.AsMemory();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            errors.Add(new FieldError($"The file is not valid JSON: {FirstSentence(e.Message)}", (int)(e.LineNumber ?? 0) + 1));
            return (events, errors);
        }
        using (document)
        {
            var root = document.RootElement;
            var array = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var inner) && inner.ValueKind == JsonValueKind.Array ? inner
                : (JsonElement?)null;
            if (array is null)
            {
                errors.Add(new FieldError("The file must be an array of events or an object with an events array.", 1));
                return (events, errors);
            }
            var lines = ElementLines(body.Span, root.ValueKind == JsonValueKind.Array ? 1 : 2);
            var index = 0;
            foreach (var element in array.Value.EnumerateArray())
            {
                var line = index < lines.Count ? lines[index] : 1;
                index++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new FieldError("An event must be an object.", line));
                    continue;
                }
                try
                {
                    events.Add(new FileEvent(line, element.Deserialize<EventInput>(EventSetStore.Json)!));
                }
                catch (JsonException e)
                {
                    var field = e.Path is { Length: > 2 } path ? path[2..].Split('.', '[')[0] : null;
                    errors.Add(new FieldError($"{field ?? "The event"} has a value of the wrong kind.", line, field));
                }
            }
        }
        return (events, errors);
    }

    /// <summary>The line each object of the events array starts on (the array at <paramref name="depth"/>).</summary>
    private static List<int> ElementLines(ReadOnlySpan<byte> json, int depth)
    {
        var starts = new List<int>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        long lastOffset = 0;
        var line = 1;
        var inEvents = depth == 1;
        while (reader.Read())
        {
            if (depth == 2 && reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
            {
                inEvents = reader.ValueTextEquals("events"u8);
            }
            if (inEvents && reader.CurrentDepth == depth && reader.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject))
            {
                var offset = reader.TokenStartIndex;
                line += json[(int)lastOffset..(int)offset].Count((byte)'\n');
                lastOffset = offset;
                starts.Add(line);
                reader.Skip();
            }
        }
        return starts;
    }

    private static string FirstSentence(string message) =>
        message.Split(". ", 2)[0].Split(" Path:", 2)[0].TrimEnd('.') + ".";
}
