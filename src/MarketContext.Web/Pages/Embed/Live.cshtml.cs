using MarketContext.Web.Features.Publications;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages.Embed;

/// <summary>
/// A live view for another site's page: the chart routes' query (refused as they refuse it, in words, with their
/// status), drawn with the annotations as they are now and as they change.
/// </summary>
public sealed class LiveModel(LiveEmbeds embeds) : PageModel
{
    public EmbedView? View { get; private set; }

    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (view, refusal) = await embeds.ReadAsync(Request.Query, cancellationToken);
        View = view;
        if (refusal is not null)
        {
            Refusal = refusal.Message;
            Response.StatusCode = refusal.Status;
        }
    }
}
