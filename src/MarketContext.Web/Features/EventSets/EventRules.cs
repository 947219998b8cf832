using System.Globalization;
using System.Text.RegularExpressions;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;

namespace MarketContext.Web.Features.EventSets;

/// <summary>A source as a client sends it.</summary>
public sealed record SourceInput(string? Url, string? Publisher, bool? Official);

/// <summary>An event as a client (or a file) sends it: loose types, so that every mistake gets its own message naming its field.</summary>
public sealed record EventInput(
    string? Id, string? Title, string? Label, string? Summary, string? Category, string? Stage,
    List<string>? Jurisdictions, List<string>? Companies, string? Date, string? Precision, string? EndDate,
    string? Announced, string? TimeZone, string? FirstPublic, List<SourceInput>? Sources, string? Confidence, string? Notes,
    bool? InArticle, int? ArticleParagraph, string? ArticleNote, long? AnnotationId);

/// <summary>What can be right about an event, checked once for the API and every import format.</summary>
public static partial class EventRules
{
    public const string MomentFormat = "yyyy-MM-dd'T'HH:mm";

    public static readonly IReadOnlyList<string> Stages = ["rumour", "proposal", "decision", "implementation", "reversal", "other"];

    public static readonly IReadOnlyList<string> Precisions = ["day", "month", "undated"];

    public static readonly IReadOnlyList<string> Confidences = ["", "low", "medium", "medium-high", "high"];

    private const int MaxLine = 200, MaxText = 4000, MaxItems = 50;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9.^=-]{1,20}$")]
    private static partial Regex SymbolPattern();

    /// <summary>The event, or every reason it cannot be right, each naming its field (and the file's line when there is one).</summary>
    public static (SetEvent? Event, List<FieldError> Errors) Validate(EventInput input, IReadOnlyCollection<string> categories, int? line = null)
    {
        var errors = new List<FieldError>();
        void Refuse(string field, string message) => errors.Add(new FieldError(message, line, field));

        var id = input.Id?.Trim() ?? "";
        if (!IdPattern().IsMatch(id))
        {
            Refuse("id", id.Length == 0 ? "id is required." : $"id {QueryText.Quote(id)} must be 1–40 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        var title = SingleLine("title", input.Title, required: true, Refuse);
        var label = SingleLine("label", input.Label, required: false, Refuse);
        var summary = Text("summary", input.Summary, Refuse);
        var notes = Text("notes", input.Notes, Refuse);
        var articleNote = Text("articleNote", input.ArticleNote, Refuse);
        var category = input.Category?.Trim() ?? "";
        if (!categories.Contains(category))
        {
            Refuse("category", $"category {QueryText.Quote(category)} is not one of this set's: {string.Join(", ", categories)}.");
        }
        var stage = string.IsNullOrWhiteSpace(input.Stage) ? null : input.Stage.Trim();
        if (stage is not null && !Stages.Contains(stage))
        {
            Refuse("stage", $"stage {QueryText.Quote(stage)} is not one of {string.Join(", ", Stages)}.");
        }
        var jurisdictions = List("jurisdictions", input.Jurisdictions, j => j.Length <= 100 && !HasControl(j), "100 characters on one line", Refuse);
        var companies = List("companies", input.Companies, SymbolPattern().IsMatch, "a symbol of up to 20 letters, digits, '.', '^', '=' or '-'", Refuse);

        var precision = string.IsNullOrWhiteSpace(input.Precision) ? (string.IsNullOrWhiteSpace(input.Date) ? "undated" : "day") : input.Precision.Trim();
        if (!Precisions.Contains(precision))
        {
            Refuse("precision", $"precision {QueryText.Quote(precision)} is not one of {string.Join(", ", Precisions)}.");
        }
        var date = Day("date", input.Date, Refuse);
        var endDate = Day("endDate", input.EndDate, Refuse);
        var firstPublic = Day("firstPublic", input.FirstPublic, Refuse);
        if (precision == "undated" && date is not null)
        {
            Refuse("date", "An undated event has no date; give precision day or month.");
        }
        if (precision is "day" or "month" && date is null && string.IsNullOrWhiteSpace(input.Date))
        {
            Refuse("date", $"date is required when precision is {precision} (YYYY-MM-DD).");
        }
        if (endDate is { } end && date is { } start && end < start)
        {
            Refuse("endDate", $"endDate {end:yyyy-MM-dd} is before date {start:yyyy-MM-dd}: a period cannot end before it starts.");
        }
        if (endDate is not null && date is null && precision == "undated")
        {
            Refuse("endDate", "An undated event has no end date.");
        }

        var (announced, zone) = Moment(input.Announced, input.TimeZone, Refuse);
        var sources = Sources(input.Sources, Refuse);
        var confidence = input.Confidence?.Trim() ?? "";
        if (!Confidences.Contains(confidence))
        {
            Refuse("confidence", $"confidence {QueryText.Quote(confidence)} is not one of {string.Join(", ", Confidences.Where(c => c.Length > 0))} (or empty).");
        }
        if (input.ArticleParagraph is { } paragraph && paragraph is < 1 or > 1000)
        {
            Refuse("articleParagraph", "articleParagraph must be a whole number from 1 to 1000.");
        }
        if (input.AnnotationId is { } annotation && annotation < 1)
        {
            Refuse("annotationId", "annotationId must be a positive whole number.");
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new SetEvent(id, title, label.Length == 0 ? title : label, summary, category, stage, jurisdictions, companies, date, precision, endDate,
            announced, zone, firstPublic, sources, confidence, notes, input.InArticle ?? false, input.ArticleParagraph, articleNote, input.AnnotationId), errors);
    }

    /// <summary>The announcement as a UTC instant, when the event has one.</summary>
    public static DateTime? UtcMoment(SetEvent e)
    {
        if (e.Announced is not { } text || e.TimeZone is not { } zoneId
            || !DateTime.TryParseExact(text, MomentFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZoneInfo.FindSystemTimeZoneById(zoneId));
    }

    public static TimeZoneInfo? FindZone(string id)
    {
        // IANA ids only: on Linux the lookup would also take a Windows name, which other tools reading the files would not.
        if (id.Length is 0 or > 64 || id.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static (string? Announced, string? Zone) Moment(string? announcedText, string? zoneText, Action<string, string> refuse)
    {
        var announced = string.IsNullOrWhiteSpace(announcedText) ? null : announcedText.Trim();
        var zoneId = string.IsNullOrWhiteSpace(zoneText) ? null : zoneText.Trim();
        if (announced is null)
        {
            if (zoneId is not null)
            {
                refuse("timeZone", "timeZone belongs to an announcement moment; give announced too.");
            }
            return (null, null);
        }
        var zone = zoneId is null ? null : FindZone(zoneId);
        if (zoneId is null)
        {
            refuse("timeZone", "timeZone is required with announced (an IANA id such as America/New_York).");
        }
        else if (zone is null)
        {
            refuse("timeZone", $"timeZone {QueryText.Quote(zoneId)} is not a known IANA time zone (such as America/New_York or Europe/Stockholm).");
        }
        if (!DateTime.TryParseExact(announced, MomentFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) || local.Year is < 1900 or > 2200)
        {
            refuse("announced", $"announced {QueryText.Quote(announced)} is not a local moment YYYY-MM-DDTHH:MM.");
            return (null, null);
        }
        if (zone is not null && zone.IsInvalidTime(local))
        {
            refuse("announced", $"announced {announced} does not exist in {zoneId}: the clocks skipped it.");
        }
        return (announced, zoneId);
    }

    private static List<EventSource> Sources(List<SourceInput>? inputs, Action<string, string> refuse)
    {
        var sources = new List<EventSource>();
        if (inputs is { Count: > MaxItems })
        {
            refuse("sources", $"sources has {inputs.Count} items; the limit is {MaxItems}.");
            return sources;
        }
        foreach (var (source, i) in (inputs ?? []).Select((s, i) => (s, i)))
        {
            var url = source?.Url?.Trim() ?? "";
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || url.Length > 2000 || url.Any(char.IsWhiteSpace))
            {
                refuse("sources", $"sources[{i}].url {QueryText.Quote(url)} is not an http or https URL.");
                continue;
            }
            var publisher = source!.Publisher?.Trim() ?? "";
            if (publisher.Length > MaxLine || HasControl(publisher))
            {
                refuse("sources", $"sources[{i}].publisher must be at most {MaxLine} characters on one line.");
                continue;
            }
            sources.Add(new EventSource(url, publisher, source.Official ?? false));
        }
        return sources;
    }

    private static string SingleLine(string field, string? value, bool required, Action<string, string> refuse)
    {
        var text = value?.Trim() ?? "";
        if (required && text.Length == 0)
        {
            refuse(field, $"{field} is required.");
        }
        else if (text.Length > MaxLine)
        {
            refuse(field, $"{field} has {text.Length:N0} characters; the limit is {MaxLine}.");
        }
        else if (HasControl(text))
        {
            refuse(field, $"{field} must be one line without control characters.");
        }
        return text;
    }

    private static string Text(string field, string? value, Action<string, string> refuse)
    {
        // One kind of line break, so that every format (iCalendar knows only \n) carries the text unchanged.
        var text = (value?.Trim() ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (text.Length > MaxText)
        {
            refuse(field, $"{field} has {text.Length:N0} characters; the limit is {MaxText:N0}.");
        }
        else if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            refuse(field, $"{field} contains control characters.");
        }
        return text;
    }

    private static List<string> List(string field, List<string>? values, Func<string, bool> valid, string rule, Action<string, string> refuse)
    {
        var items = (values ?? []).Select(v => v?.Trim() ?? "").ToList();
        if (items.Count > MaxItems)
        {
            refuse(field, $"{field} has {items.Count} items; the limit is {MaxItems}.");
        }
        foreach (var bad in items.Where(v => v.Length == 0 || !valid(v)).Take(3))
        {
            refuse(field, $"{field} item {QueryText.Quote(bad)} must be {rule}.");
        }
        return items;
    }

    private static DateOnly? Day(string field, string? value, Action<string, string> refuse)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (QueryDate.Parse(value) is { } date && date.Year is >= 1900 and <= 2200)
        {
            return date;
        }
        refuse(field, QueryDate.RefusalOf(field, value));
        return null;
    }

    private static bool HasControl(string text) => text.Any(char.IsControl);
}
