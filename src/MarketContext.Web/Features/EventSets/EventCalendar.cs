using System.Globalization;
using System.Text;

namespace MarketContext.Web.Features.EventSets;

/// <summary>
/// Events as an iCalendar file (RFC 5545). An event with an announcement moment starts at that moment in its zone
/// (<c>DTSTART;TZID=…</c>, the zone described by a VTIMEZONE with its transitions over the years the events span); any
/// other dated event is an all-day event over its date or period. What iCalendar has no property for travels in
/// <c>X-MC-</c> properties, so a file this writes reads back exactly. Undated events have no place in a calendar and are left out.
/// </summary>
public static partial class EventCalendar
{
    private const string Prefix = "X-MC-";

    public static string Write(EventSetView set)
    {
        var lines = new List<string> { "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//MarketContext//Event sets//EN", "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + Escape(set.Title) };
        var dated = set.Events.Where(e => e.Date is not null || e.Announced is not null).ToList();
        foreach (var zone in dated.Where(e => e.TimeZone is not null).GroupBy(e => e.TimeZone!))
        {
            var years = zone.Select(e => int.Parse(e.Announced![..4], CultureInfo.InvariantCulture)).ToList();
            lines.AddRange(TimeZoneBlock(zone.Key, years.Min(), years.Max()));
        }
        var stamp = set.ChangedAt.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var e in dated)
        {
            lines.Add("BEGIN:VEVENT");
            lines.Add($"UID:{e.Id}@{set.Slug}.event-sets.marketcontext");
            lines.Add("DTSTAMP:" + stamp);
            if (e.Announced is { } announced)
            {
                var local = DateTime.ParseExact(announced, EventRules.MomentFormat, CultureInfo.InvariantCulture);
                lines.Add($"DTSTART;TZID={e.TimeZone}:{local:yyyyMMdd'T'HHmmss}");
                AddDate(lines, Prefix + "DATE", e.Date);
                AddDate(lines, Prefix + "END-DATE", e.EndDate);
            }
            else
            {
                AddDate(lines, "DTSTART", e.Date);
                AddDate(lines, "DTEND", e.EndDate?.AddDays(1));
            }
            lines.Add("SUMMARY:" + Escape(e.Title));
            AddText(lines, "DESCRIPTION", e.Summary);
            lines.Add("CATEGORIES:" + Escape(e.Category));
            if (e.Sources.Count > 0)
            {
                lines.Add("URL:" + e.Sources[0].Url);
            }
            AddText(lines, Prefix + "LABEL", e.Label);
            AddText(lines, Prefix + "STAGE", e.Stage ?? "");
            lines.AddRange(e.Jurisdictions.Select(j => Prefix + "JURISDICTION:" + Escape(j)));
            lines.AddRange(e.Companies.Select(c => Prefix + "COMPANY:" + Escape(c)));
            lines.Add(Prefix + "PRECISION:" + e.Precision);
            AddDate(lines, Prefix + "FIRST-PUBLIC", e.FirstPublic);
            foreach (var source in e.Sources)
            {
                lines.Add(Prefix + "SOURCE-URL:" + Escape(source.Url));
                lines.Add(Prefix + "SOURCE-PUBLISHER:" + Escape(source.Publisher));
                lines.Add(Prefix + "SOURCE-OFFICIAL:" + (source.Official ? "TRUE" : "FALSE"));
            }
            AddText(lines, Prefix + "CONFIDENCE", e.Confidence);
            AddText(lines, Prefix + "NOTES", e.Notes);
            lines.Add(Prefix + "IN-ARTICLE:" + (e.InArticle ? "TRUE" : "FALSE"));
            AddText(lines, Prefix + "ARTICLE-PARAGRAPH", e.ArticleParagraph?.ToString(CultureInfo.InvariantCulture) ?? "");
            AddText(lines, Prefix + "ARTICLE-NOTE", e.ArticleNote);
            AddText(lines, Prefix + "ANNOTATION-ID", e.AnnotationId?.ToString(CultureInfo.InvariantCulture) ?? "");
            lines.Add("END:VEVENT");
        }
        lines.Add("END:VCALENDAR");
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }
        return text.ToString();
    }

    /// <summary>
    /// The zone's offsets over the years given: one observance for the offset in force at the start, then one per
    /// transition (found from the system's time-zone rules, to the minute), each with its local start and offsets.
    /// </summary>
    internal static IEnumerable<string> TimeZoneBlock(string zoneId, int fromYear, int toYear)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var start = new DateTime(fromYear, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = new DateTime(toYear + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        yield return "BEGIN:VTIMEZONE";
        yield return "TZID:" + zoneId;
        var offset = zone.GetUtcOffset(start);
        foreach (var line in Observance(zone.IsDaylightSavingTime(start), start + offset, offset, offset))
        {
            yield return line;
        }
        for (var day = start; day < end; day = day.AddDays(1))
        {
            var next = zone.GetUtcOffset(day.AddDays(1));
            if (next == offset)
            {
                continue;
            }
            // The first minute of the day on which the offset is the new one.
            DateTime low = day, high = day.AddDays(1);
            while (high - low > TimeSpan.FromMinutes(1))
            {
                var middle = low + (high - low) / 2;
                middle = middle.AddTicks(-(middle.Ticks % TimeSpan.TicksPerMinute));
                (low, high) = zone.GetUtcOffset(middle) == offset ? (middle, high) : (low, middle);
            }
            foreach (var line in Observance(zone.IsDaylightSavingTime(high), high + offset, offset, next))
            {
                yield return line;
            }
            offset = next;
        }
        yield return "END:VTIMEZONE";
    }

    private static IEnumerable<string> Observance(bool daylight, DateTime localStart, TimeSpan from, TimeSpan to)
    {
        var kind = daylight ? "DAYLIGHT" : "STANDARD";
        yield return "BEGIN:" + kind;
        yield return "DTSTART:" + localStart.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        yield return "TZOFFSETFROM:" + Offset(from);
        yield return "TZOFFSETTO:" + Offset(to);
        yield return "END:" + kind;
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);

    private static void AddDate(List<string> lines, string name, DateOnly? day)
    {
        if (day is { } d)
        {
            lines.Add($"{name};VALUE=DATE:{d:yyyyMMdd}");
        }
    }

    private static void AddText(List<string> lines, string name, string value)
    {
        if (value.Length > 0)
        {
            lines.Add(name + ":" + Escape(value));
        }
    }

    internal static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Content lines are at most 75 octets; longer ones continue on lines that start with a space (never inside a character).</summary>
    private static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 4 : Encoding.UTF8.GetByteCount(line.AsSpan(i, 1));
            if (octets + width > 75)
            {
                text.Append("\r\n ");
                octets = 1;
            }
            text.Append(line[i]);
            if (width == 4)
            {
                text.Append(line[++i]);
            }
            octets += width;
        }
        text.Append("\r\n");
    }
}
