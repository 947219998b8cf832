using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages.EventSets;

/// <summary>
/// One set: its events (sorted, filtered by stage and category), its history and its exports. Without a version it shows
/// the current one, follows every change live and lets its owner (or an admin) edit; <c>?version=N</c> pins what it shows.
/// </summary>
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

    /// <summary>The link named a version: the page shows that one and does not move on with later changes.</summary>
    public bool Pinned { get; private set; }

    public long CurrentVersion { get; private set; }

    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, long? version, string? stage, string? category, string? sort, bool desc, CancellationToken cancellationToken)
    {
        Set = await store.ReadAsync(slug, version is > 0 ? version : null, cancellationToken);
        if (Set is null || (Set.Deleted && version is null))
        {
            return NotFound();
        }
        Pinned = version is > 0;
        Stages = QueryText.Items(stage);
        Categories = QueryText.Items(category);
        Sort = Columns.Any(c => c.Key == sort) ? sort! : "date";
        Descending = desc;
        var names = Set.Categories.ToDictionary(c => c.Id, c => c.Name);
        var shown = Set.Events.Where(e => (Stages.Count == 0 || Stages.Contains(e.Stage ?? "")) && (Categories.Count == 0 || Categories.Contains(e.Category)));
        // The same keys and order as the page's script sorts by (wwwroot/js/event-set-view.js), so both show one order.
        Func<SetEvent, string> key = Sort switch
        {
            "id" => e => e.Id,
            "title" => e => e.Title,
            "stage" => e => e.Stage ?? "~",
            "category" => e => names.GetValueOrDefault(e.Category, e.Category),
            "firstPublic" => e => e.FirstPublic?.ToString("yyyy-MM-dd") ?? "~",
            _ => e => e.Date?.ToString("yyyy-MM-dd") ?? "~",
        };
        var ordered = shown.OrderBy(key, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal);
        Events = [.. Descending ? ordered.Reverse() : ordered];
        History = [.. (await store.HistoryAsync(slug, 0, cancellationToken) ?? []).Reverse()];
        CurrentVersion = History.Count > 0 ? History[0].Version : Set.Version;
        CanEdit = !Pinned && !Set.Deleted && Roles.MayChange(User, await store.OwnerIdAsync(slug, cancellationToken));
        return Page();
    }

    /// <summary>This page's address with some of its choices changed; a pinned version stays pinned.</summary>
    public string Link(string? sort = null, bool? desc = null, string? stage = null, string? category = null, bool pin = false) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["version"] = Pinned || pin ? Set!.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ["stage"] = stage ?? (Stages.Count > 0 ? string.Join(',', Stages) : null),
            ["category"] = category ?? (Categories.Count > 0 ? string.Join(',', Categories) : null),
            ["sort"] = sort ?? Sort,
            ["desc"] = (desc ?? Descending) ? "true" : null,
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
