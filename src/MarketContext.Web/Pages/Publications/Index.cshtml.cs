using MarketContext.Web.Features.Publications;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages.Publications;

/// <summary>Every publication, newest first, each with its picture, kind, number, time and publisher.</summary>
public sealed class IndexModel(PublicationStore store) : PageModel
{
    /// <summary>The list's length: the API's own default.</summary>
    private const int Listed = 100;

    public IReadOnlyList<Publication> Publications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Publications = await store.ListAsync(Listed, cancellationToken);
}
