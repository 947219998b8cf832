using System.Globalization;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Features.Publications;
using MarketContext.Web.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace MarketContext.Web.Pages.Publications;

/// <summary>A download of a publication as the page offers it.</summary>
public sealed record PublicationFile(string Name, string Format, string? Theme, string Url);

/// <summary>
/// One publication: its picture in the page's theme, its words, its numbers, its downloads and embed code, what it
/// stands on, and what has changed since. Everything is in the page as served; script only copies the embed code.
/// </summary>
public sealed class PublicationModel(PublicationStore store, PriceVintages vintages, LiveEmbeds embeds, PublicationChanges changes) : PageModel
{
    private static readonly string[] Order = ["png", "svg", "pdf", "csv", "json"];

    /// <summary>The keys of a view's query that name the series it reads.</summary>
    private static readonly string[] SymbolKeys = ["symbols", "symbol", "benchmark"];

    public Publication? Publication { get; private set; }
    public int Last { get; private set; }
    public ImageSize Size { get; private set; } = new(1200, 600);
    public IReadOnlyList<PublicationFile> Downloads { get; private set; } = [];
    public string FrozenEmbedCode { get; private set; } = "";
    public string? LiveEmbedCode { get; private set; }
    public string PricesInWords { get; private set; } = "";
    public PublicationChangesAnswer? Changes { get; private set; }
    public bool CanPublish => Roles.CanWrite(User);

    /// <summary>The event set's page at the version the publication read.</summary>
    public string EventSetLink => EventSetRef.Parse(Publication?.Pins.EventSet) is { } set
        ? $"/EventSets/{Uri.EscapeDataString(set.Slug)}{(set.Version is { } v ? $"?version={v}" : "")}"
        : "/EventSets";

    public async Task<IActionResult> OnGetAsync(string slug, int number, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(slug, number, cancellationToken) is not { } publication)
        {
            return NotFound();
        }
        Publication = publication;
        Last = await store.LastNumberAsync(slug, cancellationToken);
        PricesInWords = await PricesAsync(publication, cancellationToken);
        await EmbedCodesAsync(publication, cancellationToken);
        Changes = await changes.ListAsync(publication, cancellationToken);
        Size = PublicationLinks.Preview(publication.Kind, publication.PinnedQuery).Size;
        Downloads = [.. (await store.FormatsAsync(slug, number, cancellationToken))
            .OrderBy(f => Array.IndexOf(Order, f.Format) is var i and >= 0 ? i : Order.Length).ThenBy(f => f.Theme, StringComparer.Ordinal)
            .Select(f => new PublicationFile(FileName(f.Format, f.Theme), f.Format, f.Theme.Length == 0 ? null : f.Theme, PublicationLinks.File(publication, f.Format, f.Theme)))];
        return Page();
    }

    /// <summary>
    /// The code for this number, frozen; and for a chart, the code of the same view live, with the words today's data
    /// gives it (as the dashboard's embed code has them).
    /// </summary>
    private async Task EmbedCodesAsync(Publication p, CancellationToken cancellationToken)
    {
        var origin = $"{Request.Scheme}://{Request.Host}";
        FrozenEmbedCode = EmbedCode.Snippet($"{origin}/embed/{p.Slug}/{p.Number}", p.Furniture.Title, p.Furniture.AltText, origin + PublicationLinks.File(p, "png"));
        if (p.Kind is PublicationKind.Chart or PublicationKind.EventTime
            && (await embeds.ReadAsync(new QueryCollection(QueryHelpers.ParseQuery(p.Query)), cancellationToken)).View is { } live)
        {
            LiveEmbedCode = EmbedCode.Snippet($"{origin}/embed/live?{live.PictureQuery}", live.Title, live.AltText, origin + live.PngUrl(null));
        }
    }

    /// <summary>"As of vintage N", and for each series the view names where its data came from and when, as of then.</summary>
    private async Task<string> PricesAsync(Publication publication, CancellationToken cancellationToken)
    {
        var vintage = publication.Pins.PriceVintage;
        if (vintage == 0)
        {
            return "as stored before price vintages were kept";
        }
        var query = QueryHelpers.ParseQuery(publication.PinnedQuery);
        var symbols = SymbolKeys.SelectMany(key => query.TryGetValue(key, out var v) ? v.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries) : [])
            .Select(s => s.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var origins = symbols.Count == 0 ? [] : await vintages.OriginsAsync(symbols, vintage, cancellationToken);
        var each = origins.OrderBy(o => o.Symbol, StringComparer.Ordinal)
            .Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Symbol} from {o.ProducerName}, imported {o.ImportedAt:yyyy-MM-dd HH:mm} UTC"));
        return string.Create(CultureInfo.InvariantCulture, $"as of vintage {vintage}") + (origins.Count == 0 ? "" : ": " + string.Join("; ", each));
    }

    private static string FileName(string format, string theme) => format.ToUpperInvariant() + theme switch
    {
        "dark" => " (dark)",
        "light" => " (light)",
        _ => "",
    };
}
