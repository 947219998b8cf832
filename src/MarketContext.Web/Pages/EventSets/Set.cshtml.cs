using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages.EventSets;

/// <summary>One set at a version: its events (sorted, filtered by stage and category), its history and its exports.</summary>
public sealed class SetModel(EventSetStore store) : PageModel
{
    public static readonly IReadOnlyList<(string Key, string Name)> Columns =
        [("id", "Id"), ("date", "Date"), ("title", "Title"), ("stage", "Stage"), ("category", "Category"), ("firstPublic", "First public")];

    public EventSetView? Set { get; private set; }
    public IReadOnlyList<SetEvent> Events { get; private set; } = [];
    public IReadOnlyList<EventSetVersion> History { get; private set; } = [];
    public IReadOnlyList<string> Stages { get; private set; } = [];
    public IReadOnlyList<string> Categories { get; private set; } = [];
    public string Sort { get; private set; } = "date";
    public bool Descending { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, long? version, string? stage, string? category, string? sort, bool desc, CancellationToken cancellationToken)
    {
        Set = await store.ReadAsync(slug, version is > 0 ? version : null, cancellationToken);
        if (Set is null || (Set.Deleted && version is null))
        {
            return NotFound();
        }
        Stages = QueryText.Items(stage);
        Categories = QueryText.Items(category);
        Sort = Columns.Any(c => c.Key == sort) ? sort! : "date";
        Descending = desc;
        var shown = Set.Events.Where(e => (Stages.Count == 0 || Stages.Contains(e.Stage ?? "")) && (Categories.Count == 0 || Categories.Contains(e.Category)));
        Func<SetEvent, string> key = Sort switch
        {
            "id" => e => e.Id,
            "title" => e => e.Title,
            "stage" => e => e.Stage ?? "",
            "category" => e => e.Category,
            "firstPublic" => e => e.FirstPublic?.ToString("yyyy-MM-dd") ?? "~",
            _ => e => e.Date?.ToString("yyyy-MM-dd") ?? "~",
        };
        var ordered = shown.OrderBy(key, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal);
        Events = [.. Descending ? ordered.Reverse() : ordered];
        History = [.. (await store.HistoryAsync(slug, 0, cancellationToken) ?? []).Reverse()];
        return Page();
    }

    /// <summary>This page's address with some of its choices changed; the version stays pinned.</summary>
    public string Link(string? sort = null, bool? desc = null, string? stage = null, string? category = null) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["version"] = Set!.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["stage"] = stage ?? (Stages.Count > 0 ? string.Join(',', Stages) : null),
            ["category"] = category ?? (Categories.Count > 0 ? string.Join(',', Categories) : null),
            ["sort"] = sort ?? Sort,
            ["desc"] = (desc ?? Descending) ? "true" : null,
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
