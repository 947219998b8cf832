using MarketContext.Web.Cli;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Tests.Cli;

public sealed class ProgressBarTests
{
    [Fact]
    public void Bar_is_redrawn_in_place_with_the_share_read_and_the_rows_stored()
    {
        using var output = new StringWriter();
        var bar = new ProgressBar(output, "ERIC.csv", TimeProvider.System);

        bar.Draw(new ImportProgress(500, 1000, 12345));

        Assert.Equal("\rERIC.csv [###############...............]  50% 12,345 rows", output.ToString());
    }

    [Fact]
    public void A_finished_file_is_always_drawn_and_then_wiped_before_the_report()
    {
        using var output = new StringWriter();
        var bar = new ProgressBar(output, "NOK.csv", TimeProvider.System);
        bar.Report(new ImportProgress(10, 1000, 1));

        bar.Report(new ImportProgress(1000, 1000, 30));
        bar.Clear();

        var text = output.ToString();
        Assert.Contains("\rNOK.csv [##############################] 100% 30 rows", text, StringComparison.Ordinal);
        Assert.EndsWith("\r", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
    }

    [Fact]
    public void Unknown_length_shows_rows_without_a_share()
    {
        using var output = new StringWriter();

        new ProgressBar(output, "stdin", TimeProvider.System).Draw(new ImportProgress(4096, null, 77));

        Assert.Equal("\rstdin [..............................]   0% 77 rows", output.ToString());
    }
}
