using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.EventStudy.Aggregate;
using MarketContext.Web.Features.Publications;
using MarketContext.Web.Http.Contract;
using MarketContext.Web.Rendering;
using Microsoft.AspNetCore.WebUtilities;

namespace MarketContext.Web.Pages.Publications;

/// <summary>Where the publication pages point: a publication, its stored files, the live view it froze, the live picture of a view.</summary>
public static class PublicationLinks
{
    public static string Page(Publication p) => PublicationView.UrlOf(p.Slug, p.Number);

    public static string Page(Publication p, int number) => PublicationView.UrlOf(p.Slug, number);

    /// <summary>A stored file; light is the file's own address, dark asks for the dark one.</summary>
    public static string File(Publication p, string format, string? theme = null) => $"{Page(p)}.{format}{(theme == "dark" ? "?theme=dark" : "")}";

    public static string KindName(PublicationKind kind) => kind switch
    {
        PublicationKind.Chart => "chart",
        PublicationKind.EventTime => "event-time chart",
        PublicationKind.Study => "event study",
        _ => "study across events",
    };

    /// <summary>The live picture of a view as the Publish form previews it, and its size (the view's own or its route's default).</summary>
    public static (string Src, ImageSize Size) Preview(PublicationKind kind, string query)
    {
        var text = query.Trim().TrimStart('?');
        var asked = new QueryCollection(QueryHelpers.ParseQuery(text));
        return kind switch
        {
            PublicationKind.Study => ($"/api/event-study/chart.png?{text}", Size<StudyPictureQuery>(asked)),
            PublicationKind.Aggregate => ($"/api/event-study/aggregate/chart.png?{text}", Size<AggregatePictureQuery>(asked)),
            _ => ($"/api/chart.png?{text}", Size<ChartQuery>(asked)),
        };
    }

    private static ImageSize Size<T>(IQueryCollection query) where T : PictureQuery, new() => (QueryReader.Read<T>(query).Query ?? new T()).ImageSize();
}
