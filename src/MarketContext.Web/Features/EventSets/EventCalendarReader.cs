using System.Globalization;
using System.Text;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.EventSets;

public static partial class EventCalendar
{
    private sealed record Property(int Line, string Name, Dictionary<string, string> Parameters, string Value);

    /// <summary>The VEVENTs of an iCalendar file as inputs (each numbered by its BEGIN line), or the line-numbered reasons the file cannot be read.</summary>
    public static (List<FileEvent> Events, List<FieldError> Errors) Read(string text)
    {
        var events = new List<FileEvent>();
        var errors = new List<FieldError>();
        var properties = Unfold(text);
        if (properties.Count == 0 || properties[0].Name != "BEGIN" || !properties[0].Value.Equals("VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new FieldError("The file is not an iCalendar file: it must start with BEGIN:VCALENDAR.", properties.Count == 0 ? 1 : properties[0].Line));
            return (events, errors);
        }
        List<Property>? current = null;
        var begin = 0;
        var depth = 0;
        foreach (var p in properties)
        {
            if (p.Name == "BEGIN")
            {
                depth++;
                if (p.Value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase))
                {
                    (current, begin) = ([], p.Line);
                }
            }
            else if (p.Name == "END")
            {
                depth--;
                if (p.Value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase) && current is not null)
                {
                    if (ToInput(current, begin, errors) is { } input)
                    {
                        events.Add(new FileEvent(begin, input));
                    }
                    current = null;
                }
            }
            else
            {
                current?.Add(p);
            }
        }
        if (depth != 0)
        {
            errors.Add(new FieldError("The file ends inside a component: a BEGIN has no END.", properties[^1].Line));
        }
        return (events, errors);
    }

    private static EventInput? ToInput(List<Property> props, int line, List<FieldError> errors)
    {
        string? One(string name) => props.FirstOrDefault(p => p.Name == name) is { } p ? Unescape(p.Value) : null;
        List<string> All(string name) => [.. props.Where(p => p.Name == name).Select(p => Unescape(p.Value))];
        var uid = One("UID");
        if (string.IsNullOrWhiteSpace(uid))
        {
            errors.Add(new FieldError("The event has no UID.", line, "id"));
            return null;
        }
        var id = uid.Contains('@', StringComparison.Ordinal) ? uid[..uid.LastIndexOf('@')] : uid;
        string? date = null, endDate = null, announced = null, zone = null;
        if (props.FirstOrDefault(p => p.Name == "DTSTART") is not { } start)
        {
            errors.Add(new FieldError("The event has no DTSTART.", line, "date"));
            return null;
        }
        if (start.Value.Length == 8 || start.Parameters.GetValueOrDefault("VALUE") == "DATE")
        {
            date = Day(start, errors);
            if (props.FirstOrDefault(p => p.Name == "DTEND") is { } end && Day(end, errors) is { } endText)
            {
                endDate = DateOnly.ParseExact(endText, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }
        else
        {
            (announced, zone) = Moment(start, errors);
            date = props.FirstOrDefault(p => p.Name == Prefix + "DATE") is { } d ? Day(d, errors) : null;
            endDate = props.FirstOrDefault(p => p.Name == Prefix + "END-DATE") is { } e ? Day(e, errors) : null;
        }
        var urls = All(Prefix + "SOURCE-URL");
        var publishers = All(Prefix + "SOURCE-PUBLISHER");
        var official = All(Prefix + "SOURCE-OFFICIAL");
        var sources = urls.Select((url, i) => new SourceInput(url, i < publishers.Count ? publishers[i] : "", i < official.Count && official[i] == "TRUE")).ToList();
        int? paragraph = int.TryParse(One(Prefix + "ARTICLE-PARAGRAPH"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        long? annotation = long.TryParse(One(Prefix + "ANNOTATION-ID"), NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
        return new EventInput(id, One("SUMMARY"), One(Prefix + "LABEL"), One("DESCRIPTION"), One("CATEGORIES"), One(Prefix + "STAGE"),
            All(Prefix + "JURISDICTION"), All(Prefix + "COMPANY"), date, One(Prefix + "PRECISION") ?? (date is null ? null : "day"), endDate,
            announced, zone, props.FirstOrDefault(p => p.Name == Prefix + "FIRST-PUBLIC") is { } f ? Day(f, errors) : null, sources,
            One(Prefix + "CONFIDENCE"), One(Prefix + "NOTES"), One(Prefix + "IN-ARTICLE") == "TRUE", paragraph, One(Prefix + "ARTICLE-NOTE"), annotation);
    }

    private static string? Day(Property p, List<FieldError> errors)
    {
        if (DateOnly.TryParseExact(p.Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        errors.Add(new FieldError($"{p.Name} \"{Short(p.Value)}\" is not a date (YYYYMMDD).", p.Line, "date"));
        return null;
    }

    private static (string? Announced, string? Zone) Moment(Property p, List<FieldError> errors)
    {
        var value = p.Value;
        var utc = value.EndsWith('Z');
        if (!DateTime.TryParseExact(utc ? value[..^1] : value, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors.Add(new FieldError($"{p.Name} \"{Short(value)}\" is not a date-time (YYYYMMDDTHHMMSS).", p.Line, "announced"));
            return (null, null);
        }
        var zone = utc ? "UTC" : p.Parameters.GetValueOrDefault("TZID");
        if (zone is null)
        {
            errors.Add(new FieldError($"{p.Name} is a floating time: give its TZID (an IANA time zone) or write it in UTC with Z.", p.Line, "timeZone"));
            return (null, null);
        }
        if (EventRules.FindZone(zone) is null)
        {
            errors.Add(new FieldError($"TZID \"{Short(zone)}\" is not a known IANA time zone.", p.Line, "timeZone"));
            return (null, null);
        }
        return (local.ToString(EventRules.MomentFormat, CultureInfo.InvariantCulture), zone);
    }

    /// <summary>Content lines after unfolding, each with the physical line it starts on.</summary>
    private static List<Property> Unfold(string text)
    {
        var physical = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var logical = new List<(int Line, StringBuilder Text)>();
        for (var i = 0; i < physical.Length; i++)
        {
            var line = physical[i];
            if (line.Length > 0 && line[0] is ' ' or '\t' && logical.Count > 0)
            {
                logical[^1].Text.Append(line.AsSpan(1));
            }
            else if (line.Length > 0)
            {
                logical.Add((i + 1, new StringBuilder(line)));
            }
        }
        return [.. logical.Select(l => Parse(l.Line, l.Text.ToString()))];
    }

    /// <summary><c>NAME;PARAM=value;PARAM="quoted":value</c>; a colon inside quotes belongs to the parameter.</summary>
    private static Property Parse(int line, string text)
    {
        var quoted = false;
        var colon = -1;
        for (var i = 0; i < text.Length && colon < 0; i++)
        {
            quoted ^= text[i] == '"';
            colon = !quoted && text[i] == ':' ? i : -1;
        }
        var head = colon < 0 ? text : text[..colon];
        var value = colon < 0 ? "" : text[(colon + 1)..];
        var parts = head.Split(';');
        var parameters = parts.Skip(1).Select(s => s.Split('=', 2)).Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0].ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First()[1].Trim('"'));
        return new Property(line, parts[0].ToUpperInvariant(), parameters, value);
    }

    private static string Unescape(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                text.Append(next is 'n' or 'N' ? '\n' : next);
            }
            else
            {
                text.Append(value[i]);
            }
        }
        return text.ToString();
    }

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
