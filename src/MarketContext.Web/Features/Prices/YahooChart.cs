using System.Text.Json;
using MarketContext.Web.Features.Prices.Reading;

namespace MarketContext.Web.Features.Prices;

/// <summary>
/// Reads Yahoo's chart API answer (<c>/v8/finance/chart/{SYMBOL}?interval=1d</c>) into rows, which the importer
/// judges by the same rules as a file's rows (<see cref="ParsedRowReader"/>) and stores the same way.
/// Pure: JSON text in, the days or the reasons the answer cannot be trusted out.
/// </summary>
public static class YahooChart
{
    /// <summary>The days of the answer (null when it cannot be trusted or holds none), or what is wrong with it.</summary>
    public sealed record Conversion(IReadOnlyList<PriceRow>? Rows, IReadOnlyList<string> Errors);

    /// <summary>What the importer reports it read from: the chart answer's fields, dates in the exchange's time zone.</summary>
    public static readonly ImportEvidence Evidence = new("yahoo", "utf-8", "", ".", null, "ymd", "unix seconds + gmtoffset", "timestamp", "close", "adjclose",
        ["open", "high", "low", "volume"], [], [], [], 0, 0, []);

    public static Conversion Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            var start = json.TrimStart();
            return Fail(start.StartsWith('<')
                ? "The price source answered an HTML page, not chart data."
                : $"The price source's answer is not valid JSON ({e.Message.Split(" Path:")[0]}).");
        }
        using (document)
        {
            return Convert(document.RootElement);
        }
    }

    /// <summary>The error Yahoo reports in the body of a failed request, if there is one.</summary>
    public static string? ErrorOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("chart", out var chart) && chart.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                ? Describe(error)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Conversion Convert(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("chart", out var chart) || chart.ValueKind != JsonValueKind.Object)
        {
            return Fail("The answer has no \"chart\" object: not Yahoo chart data.");
        }
        if (chart.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            return Fail($"The price source reported an error: {Describe(error)}.");
        }
        if (!chart.TryGetProperty("result", out var results) || results.ValueKind != JsonValueKind.Array || results.GetArrayLength() == 0
            || results[0].ValueKind != JsonValueKind.Object)
        {
            return Fail("The answer has no chart result.");
        }
        var result = results[0];
        if (!result.TryGetProperty("timestamp", out var timestamps))
        {
            // Yahoo leaves the timestamps out when the range holds no trading day: nothing new, not an error.
            return new Conversion(null, []);
        }
        if (timestamps.ValueKind != JsonValueKind.Array)
        {
            return Fail("\"timestamp\" is not a list.");
        }
        var offset = result.TryGetProperty("meta", out var meta) && meta.TryGetProperty("gmtoffset", out var gmt) && gmt.TryGetInt64(out var seconds)
            ? seconds
            : 0;
        if (!result.TryGetProperty("indicators", out var indicators) || !indicators.TryGetProperty("quote", out var quotes)
            || quotes.ValueKind != JsonValueKind.Array || quotes.GetArrayLength() == 0)
        {
            return Fail("The answer has no \"indicators.quote\" list.");
        }
        var quote = quotes[0];
        var count = timestamps.GetArrayLength();
        var errors = new List<string>();
        JsonElement? Series(JsonElement parent, string name, bool required)
        {
            if (parent.TryGetProperty(name, out var values) && values.ValueKind == JsonValueKind.Array)
            {
                if (values.GetArrayLength() != count)
                {
                    errors.Add($"\"{name}\" has {values.GetArrayLength()} values for {count} days.");
                }
                return values;
            }
            if (required)
            {
                errors.Add($"The answer has no \"{name}\" list.");
            }
            return null;
        }
        var open = Series(quote, "open", false);
        var high = Series(quote, "high", false);
        var low = Series(quote, "low", false);
        var close = Series(quote, "close", true);
        var volume = Series(quote, "volume", false);
        JsonElement? adjClose = indicators.TryGetProperty("adjclose", out var adj) && adj.ValueKind == JsonValueKind.Array && adj.GetArrayLength() > 0
            && adj[0].ValueKind == JsonValueKind.Object
            ? Series(adj[0], "adjclose", false)
            : null;
        if (errors.Count > 0)
        {
            return new Conversion(null, errors);
        }

        var rows = new List<PriceRow>(count);
        var fields = new double?[6];
        for (var i = 0; i < count; i++)
        {
            if (timestamps[i].ValueKind != JsonValueKind.Number || !timestamps[i].TryGetInt64(out var time))
            {
                return Fail($"Timestamp {i + 1} is not a number.");
            }
            // Timestamps are the session's opening instant; the exchange's offset gives its local trading day.
            var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(time + offset).UtcDateTime);
            var f = 0;
            foreach (var values in new[] { open, high, low, close, adjClose, volume })
            {
                if (values is not { } list || list[i].ValueKind == JsonValueKind.Null)
                {
                    fields[f++] = null;
                }
                else if (list[i].ValueKind == JsonValueKind.Number && list[i].TryGetDouble(out var number) && double.IsFinite(number))
                {
                    fields[f++] = number;
                }
                else
                {
                    return Fail($"Day {day:yyyy-MM-dd} has \"{Truncate(list[i].GetRawText())}\" where a number belongs.");
                }
            }
            rows.Add(new PriceRow(day, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]));
        }
        return new Conversion(rows, []);
    }

    private static string Describe(JsonElement error)
    {
        var code = error.TryGetProperty("code", out var c) ? c.ToString() : "error";
        var description = error.TryGetProperty("description", out var d) ? d.ToString() : "";
        return description.Length > 0 ? $"{code}: {description}" : code;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static Conversion Fail(string error) => new(null, [error]);
}
