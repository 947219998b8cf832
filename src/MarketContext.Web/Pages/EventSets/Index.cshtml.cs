using MarketContext.Web.Features.EventSets;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages.EventSets;

/// <summary>The event sets, each at its current version.</summary>
public sealed class IndexModel(EventSetStore store) : PageModel
{
    public IReadOnlyList<EventSetSummary> Sets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Sets = await store.ListAsync(cancellationToken);
}
