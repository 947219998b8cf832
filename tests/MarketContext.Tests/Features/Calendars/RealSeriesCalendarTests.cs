using System.Globalization;
using MarketContext.Web.Features.Calendars;

namespace MarketContext.Tests.Features.Calendars;

/// <summary>
/// The calendars against real series, read in place from the folders the test script names
/// (<c>MarketContext__MarketsDirectory</c>, <c>MarketContext__PricesDirectory</c>; never copied into the repository):
/// every row falls on a session of the listing's exchange, and the sessions a file lacks are exactly the gaps its
/// SOURCES.md lists for the window it checked (2018-01-01 .. 2020-12-11).
/// </summary>
public sealed class RealSeriesCalendarTests
{
    private static readonly DateOnly WindowStart = new(2018, 1, 1), WindowEnd = new(2020, 12, 11);

    private static string Folder(string variable, string probe)
    {
        var folder = Environment.GetEnvironmentVariable(variable);
        Assert.False(string.IsNullOrWhiteSpace(folder), $"Set {variable} to the folder holding {probe} (scripts/test.sh sets it).");
        Assert.True(File.Exists(Path.Combine(folder, probe)), $"{variable}={folder} has no {probe}.");
        return folder;
    }

    /// <summary>The dates of a Yahoo-layout file's rows, read here on their own: the first field of each line that starts with an ISO date.</summary>
    private static List<DateOnly> Dates(string path) =>
        [.. File.ReadLines(path)
            .Select(line => DateOnly.TryParseExact(line.Split(',')[0].AsSpan(0, Math.Min(10, line.Split(',')[0].Length)), "yyyy-MM-dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null)
            .OfType<DateOnly>()];

    private static (List<DateOnly> OnClosedDays, List<DateOnly> Missing) Check(string path, string mic, DateOnly from, DateOnly to)
    {
        var calendar = ExchangeCalendars.Find(mic)!;
        var rows = Dates(path).Where(d => d >= from && d <= to).ToHashSet();
        Assert.NotEmpty(rows);
        var onClosed = rows.Where(d => !calendar.IsSession(d)).Order().ToList();
        var missing = calendar.Sessions(from, to).Select(s => s.Date).Where(d => !rows.Contains(d)).ToList();
        return (onClosed, missing);
    }

    private static DateOnly[] Days(params string[] days) => [.. days.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))];

    [Theory]
    [InlineData("^OMX.csv", "XSTO", "2018-01-01", new[] { "2019-06-10", "2019-06-17", "2019-08-05" })]
    [InlineData("ERIC-B.ST.csv", "XSTO", "2019-07-01", new[] { "2019-08-05", "2020-07-20", "2020-09-18" })]
    [InlineData("^GDAXI.csv", "XETR", "2018-01-01", new string[0])]
    [InlineData("^FTSE.csv", "XLON", "2018-01-01", new string[0])]
    public void Home_market_files_trade_on_their_exchanges_sessions_and_lack_only_their_known_gaps(string file, string mic, string from, string[] knownGaps)
    {
        var path = Path.Combine(Folder("MarketContext__MarketsDirectory", "SOURCES.md"), file);
        var (onClosed, missing) = Check(path, mic, Days(from)[0], WindowEnd);
        Assert.Empty(onClosed);
        Assert.Equal(Days(knownGaps), missing);
    }

    [Theory]
    [InlineData("ERIC.csv")]
    [InlineData("NOK.csv")]
    [InlineData("QQQ.csv")]
    public void The_adrs_and_qqq_trade_on_new_york_sessions_every_session_of_the_window(string file)
    {
        var path = Path.Combine(Folder("MarketContext__PricesDirectory", "ERIC.csv"), file);
        var (onClosed, missing) = Check(path, "XNYS", WindowStart, WindowEnd);
        Assert.Empty(onClosed);
        Assert.Empty(missing);
    }
}
