using System.Globalization;
using System.Net;
using MarketContext.Web.Tests.Features.EventStudy;

namespace MarketContext.Web.Tests.Pages;

public sealed class EventsPageTests(AggregateAppFixture app) : IClassFixture<AggregateAppFixture>
{
    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task The_summary_csv_gives_benjamini_hochberg_q_values_beside_the_p_values()
    {
        var lines = (await _client.GetStringAsync("/api/event-study/summary.csv")).TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        Assert.Equal("q_m1_p1", header[Array.IndexOf(header, "p_m1_p1") + 1]);
        Assert.Equal("q_m5_p5", header[Array.IndexOf(header, "p_m5_p5") + 1]);

        var (p, q) = (Array.IndexOf(header, "p_m5_p5"), Array.IndexOf(header, "q_m5_p5"));
        var pairs = lines.Skip(1).Select(Cells).Where(f => f.Count == header.Length && f[p].Length > 0)
            .Select(f => (P: double.Parse(f[p], CultureInfo.InvariantCulture), Q: double.Parse(f[q], CultureInfo.InvariantCulture))).ToList();
        Assert.NotEmpty(pairs);
        Assert.All(pairs, x => Assert.InRange(x.Q, x.P, 1));
        // q keeps the order of p.
        var byP = pairs.OrderBy(x => x.P).Select(x => x.Q).ToList();
        Assert.Equal(byP.Order(), byP);
    }

    /// <summary>One CSV line's cells: labels and day 0 reasons are quoted and hold commas.</summary>
    private static List<string> Cells(string line)
    {
        var cells = new List<string> { "" };
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '"' when quoted && i + 1 < line.Length && line[i + 1] == '"':
                    cells[^1] += '"';
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    cells.Add("");
                    break;
                default:
                    cells[^1] += line[i];
                    break;
            }
        }
        return cells;
    }

    [Fact]
    public async Task The_page_shows_q_columns_sorts_by_them_and_studies_the_chosen_symbols()
    {
        var page = await _client.GetStringAsync("/Events?symbols=NOK&sort=q5&dir=asc");

        Assert.Contains("data-testid=\"q5\"", page);
        Assert.Contains("aria-sort=\"ascending\"", page);
        Assert.Contains("data-symbol=\"NOK\"", page);
        Assert.DoesNotContain("data-symbol=\"ERIC\"", page);
        Assert.Contains("summary.csv?benchmark=QQQ&amp;estimation=120&amp;gap=10&amp;returns=simple&amp;symbols=NOK", page);
    }

    [Fact]
    public async Task Unknown_symbols_on_the_page_are_named_not_studied()
    {
        using var response = await _client.GetAsync("/Events?symbols=NOK,ZZZZ");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No prices are loaded for &quot;ZZZZ&quot;", page);
        Assert.DoesNotContain("data-testid=\"event-study-table\"", page);
    }
}
