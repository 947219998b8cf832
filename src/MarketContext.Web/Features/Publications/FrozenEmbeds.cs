using System.Buffers.Binary;
using System.Globalization;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// A publication as an embed: its own furniture and alternative text around the pictures it stored when it was
/// published, the same bytes for good, and a link to the view it froze as that view is today. Nothing about it is live.
/// </summary>
public sealed class FrozenEmbeds(PublicationStore store)
{
    public async Task<(EmbedView? View, EmbedRefusal? Refusal)> ReadAsync(string slug, int number, string theme, CancellationToken cancellationToken)
    {
        if (LiveEmbeds.ThemeRefusal(theme) is { } badTheme)
        {
            return (null, badTheme);
        }
        if (await store.FindAsync(slug, number, cancellationToken) is not { } publication
            || await store.OutputAsync(slug, number, "png", "light", cancellationToken) is not { } png)
        {
            var message = $"There is no publication {slug}/{number}.";
            return (null, new EmbedRefusal(message, StatusCodes.Status404NotFound, Http.Problems.NotFound(message)));
        }
        var (width, height) = PngSize(png.Bytes);
        var furniture = publication.Furniture;
        var caption = string.Join(" · ", new[] { furniture.Source is { } source ? $"Source: {source}" : null, furniture.Byline, furniture.Licence }.OfType<string>());
        var url = PublicationView.UrlOf(slug, number);
        return (new EmbedView(furniture.Title, caption, furniture.AltText, $"{url}.png", width, height, LiveEmbeds.Theme(theme), url)
        {
            Subtitle = furniture.Subtitle,
            Notes = furniture.Notes,
            FrozenAt = string.Create(CultureInfo.InvariantCulture, $"Frozen at {number} (published {publication.PublishedAt:yyyy-MM-dd})"),
            LiveUrl = LiveUrl(publication),
        }, null);
    }

    /// <summary>The view the publication froze, as it is today: its own page with the query the publisher saw.</summary>
    public static string LiveUrl(Publication publication) => PublishedScopes.LiveUrl(publication.Kind, publication.Query);

    /// <summary>The width and height a PNG's header gives (its IHDR chunk, always first): the picture's proportions.</summary>
    private static (int Width, int Height) PngSize(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
}
