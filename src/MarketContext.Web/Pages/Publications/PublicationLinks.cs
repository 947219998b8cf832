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

    /// <summary>
    /// The page that shows the view live, as today's data draws it: the dashboard for a chart, the event study with
    /// the study's event and symbol chosen, the study across events with its query.
    /// </summary>
    public static string LiveView(PublicationKind kind, string query)
    {
        var pairs = QueryHelpers.ParseQuery(query.Trim().TrimStart('?'));
        switch (kind)
        {
            case PublicationKind.Study:
                var single = pairs.Where(p => p.Key is not ("symbol" or "eventId")).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())).ToList();
                if (pairs.TryGetValue("eventId", out var eventId) && pairs.TryGetValue("symbol", out var symbol))
                {
                    single.Add(KeyValuePair.Create("selected", (string?)$"{eventId}:{symbol}"));
                }
                return "/Events" + QueryString.Create(single).ToUriComponent();
            case PublicationKind.Aggregate:
                return "/Events/Aggregate" + QueryString.Create(pairs).ToUriComponent();
            default:
                return "/" + QueryString.Create(pairs).ToUriComponent();
        }
    }

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
