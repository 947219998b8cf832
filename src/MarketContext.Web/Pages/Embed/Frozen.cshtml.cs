using MarketContext.Web.Features.Publications;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages.Embed;

/// <summary>A publication for another site's page: the pictures, words and alternative text it was published with.</summary>
public sealed class FrozenModel(FrozenEmbeds embeds) : PageModel
{
    public EmbedView? View { get; private set; }

    public string? Refusal { get; private set; }

    public async Task OnGetAsync(string slug, int number, CancellationToken cancellationToken)
    {
        var (view, refusal) = await embeds.ReadAsync(slug, number, Request.Query["theme"].ToString(), cancellationToken);
        View = view;
        if (refusal is not null)
        {
            Refusal = refusal.Message;
            Response.StatusCode = refusal.Status;
        }
    }
}
