using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.EventSets;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages.EventSets;

/// <summary>The event sets, each at its current version; editors create new ones here.</summary>
public sealed class IndexModel(EventSetStore store) : PageModel
{
    public IReadOnlyList<EventSetSummary> Sets { get; private set; } = [];

    public bool CanCreate => Roles.CanWrite(User);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Sets = await store.ListAsync(cancellationToken);
}
