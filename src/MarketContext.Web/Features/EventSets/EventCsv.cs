using System.Globalization;
using System.Text;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.EventSets;

/// <summary>A row of a file, with the line it starts on.</summary>
public sealed record FileEvent(int Line, EventInput Input);

/// <summary>
/// Events as CSV, one row each, headed by the JSON field names. Lists (jurisdictions, companies, sources' URLs,
/// publishers and official flags) are one item per line inside their cell. Every cell a spreadsheet would run as a
/// formula, and every cell that starts with an apostrophe, is written with a leading apostrophe, which reading takes
/// off again: what is exported reads back exactly.
/// </summary>
public static class EventCsv
{
    public static readonly string[] Header =
    [
        "id", "title", "label", "summary", "category", "stage", "jurisdictions", "companies", "date", "precision", "endDate",
        "announced", "timeZone", "firstPublic", "sourceUrls", "sourcePublishers", "sourceOfficial", "confidence", "notes",
        "inArticle", "articleParagraph", "articleNote", "annotationId",
    ];

    public static string Write(IEnumerable<SetEvent> events)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Header)).Append("\r\n");
        foreach (var e in events)
        {
            string[] cells =
            [
                e.Id, e.Title, e.Label, e.Summary, e.Category, e.Stage ?? "", Lines(e.Jurisdictions), Lines(e.Companies), Day(e.Date), e.Precision,
                Day(e.EndDate), e.Announced ?? "", e.TimeZone ?? "", Day(e.FirstPublic), Lines(e.Sources.Select(s => s.Url)),
                Lines(e.Sources.Select(s => s.Publisher)), Lines(e.Sources.Select(s => s.Official ? "yes" : "no")), e.Confidence, e.Notes,
                e.InArticle ? "yes" : "no", e.ArticleParagraph?.ToString(CultureInfo.InvariantCulture) ?? "", e.ArticleNote,
                e.AnnotationId?.ToString(CultureInfo.InvariantCulture) ?? "",
            ];
            text.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
        }
        return text.ToString();
    }

    /// <summary>The rows as inputs, or the line-numbered reasons the file cannot be read.</summary>
    public static (List<FileEvent> Events, List<FieldError> Errors) Read(string text)
    {
        var events = new List<FileEvent>();
        var errors = new List<FieldError>();
        var records = Records(text, errors);
        if (errors.Count > 0 || records.Count == 0)
        {
            if (errors.Count == 0)
            {
                errors.Add(new FieldError("The file is empty: it needs a header line naming the columns.", 1));
            }
            return (events, errors);
        }
        var header = records[0].Cells.Select(c => c.Trim()).ToList();
        var unknown = header.Where(h => !Header.Contains(h)).ToList();
        foreach (var name in unknown.Take(5))
        {
            errors.Add(new FieldError($"Unknown column \"{(name.Length > 40 ? name[..40] + "…" : name)}\"; the columns are {string.Join(", ", Header)}.", 1, name));
        }
        if (!header.Contains("id") || !header.Contains("title"))
        {
            errors.Add(new FieldError("The header must name at least the id and title columns.", 1));
        }
        if (errors.Count > 0)
        {
            return (events, errors);
        }
        foreach (var (line, cells) in records.Skip(1))
        {
            if (cells.Count != header.Count)
            {
                errors.Add(new FieldError($"The row has {cells.Count} cells; the header has {header.Count}.", line));
                continue;
            }
            var row = header.Zip(cells).ToDictionary(p => p.First, p => Unescape(p.Second));
            string Get(string name) => row.GetValueOrDefault(name, "");
            var urls = Items(Get("sourceUrls"));
            var publishers = Items(Get("sourcePublishers"));
            var official = Items(Get("sourceOfficial"));
            var sources = urls.Select((url, i) => new SourceInput(url, i < publishers.Count ? publishers[i] : "", i < official.Count && official[i] == "yes")).ToList();
            events.Add(new FileEvent(line, new EventInput(
                Get("id"), Get("title"), Get("label"), Get("summary"), Get("category"), Get("stage"), Items(Get("jurisdictions")), Items(Get("companies")),
                Get("date"), Get("precision"), Get("endDate"), Get("announced"), Get("timeZone"), Get("firstPublic"), sources, Get("confidence"),
                Get("notes"), Flag(Get("inArticle"), line, "inArticle", errors), Number(Get("articleParagraph"), line, "articleParagraph", errors) is { } p ? (int)p : null,
                Get("articleNote"), Number(Get("annotationId"), line, "annotationId", errors))));
        }
        return (events, errors);
    }

    // One leading apostrophe is always the writer's: see the class comment.
    private static string Unescape(string cell) => cell.StartsWith('\'') ? cell[1..] : cell;

    private static string Cell(string value) => CsvCells.Escape(value.StartsWith('\'') ? "'" + value : value);

    private static string Lines(IEnumerable<string> items) => string.Join('\n', items);

    private static List<string> Items(string cell) =>
        cell.Length == 0 ? [] : [.. cell.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')];

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static bool? Flag(string cell, int line, string field, List<FieldError> errors)
    {
        switch (cell.Trim().ToLowerInvariant())
        {
            case "": return null;
            case "yes" or "true": return true;
            case "no" or "false": return false;
            default:
                errors.Add(new FieldError($"{field} must be yes or no.", line, field));
                return null;
        }
    }

    private static long? Number(string cell, int line, string field, List<FieldError> errors)
    {
        if (cell.Trim().Length == 0)
        {
            return null;
        }
        if (long.TryParse(cell.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= int.MaxValue)
        {
            return value;
        }
        errors.Add(new FieldError($"{field} must be a whole number.", line, field));
        return null;
    }

    /// <summary>RFC 4180 records (quoted cells may hold commas, quotes and line breaks), each with the line it starts on.</summary>
    private static List<(int Line, List<string> Cells)> Records(string text, List<FieldError> errors)
    {
        var records = new List<(int, List<string>)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        int line = 1, start = 1, i = 0;
        bool quoted = false, any = false;
        if (text.StartsWith('\uFEFF'))
        {
            i = 1;
        }
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    cell.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = any = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || cell.Length > 0)
                    {
                        cells.Add(cell.ToString());
                        records.Add((start, [.. cells]));
                    }
                    cells.Clear();
                    cell.Clear();
                    any = false;
                    start = ++line;
                    break;
                default:
                    cell.Append(c);
                    any = true;
                    break;
            }
        }
        if (quoted)
        {
            errors.Add(new FieldError("A quoted cell is not closed before the end of the file.", start));
        }
        else if (any || cell.Length > 0)
        {
            cells.Add(cell.ToString());
            records.Add((start, cells));
        }
        return records;
    }
}
