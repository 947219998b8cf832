using System.Net;
using MarketContext.TestSupport;
using MarketContext.Web.Cli;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>The reading choices a user makes where a file's evidence is not enough: as query parameters and on the command line.</summary>
public sealed class ImportOverridesTests(AppFixture app) : IClassFixture<AppFixture>
{
    // Every day is at most 12: day/month and month/day both fit.
    private const string Ambiguous = "Date;Close\n03/01/2005;1.018,5\n04/01/2005;1.020,25\n05/01/2005;1.021\n";

    [Fact]
    public async Task Ambiguous_dates_are_refused_then_imported_with_the_date_format_chosen_in_the_query()
    {
        var refused = await (await app.Client.PostAsync("/api/series/OVR1/import", Api.Csv(Ambiguous))).ProblemAsync(HttpStatusCode.BadRequest);
        var report = await (await app.Client.PostAsync("/api/series/OVR1/import?dateFormat=dd/MM/yyyy", Api.Csv(Ambiguous))).JsonAsync();

        Assert.Contains("dateFormat=dmy", refused.Errors().Single().Str("message"), StringComparison.Ordinal);
        Assert.Equal(3, report.GetProperty("inserted").GetInt32());
        Assert.Equal("day/month", report.GetProperty("evidence").Str("dateOrder"));
        var prices = (await app.Client.GetJsonAsync("/api/series/OVR1/prices")).EnumerateArray().ToList();
        Assert.Equal(["2005-01-03", "2005-01-04", "2005-01-05"], prices.Select(p => p.Str("date")));
        Assert.Equal(1021, prices[2].GetProperty("close").GetDouble());
    }

    [Fact]
    public async Task Decimal_and_columns_chosen_in_the_query_are_used()
    {
        const string Csv = "When;Settle;Last\n2020-01-13;10.038;1\n2020-01-14;10.271;2\n";

        var report = await (await app.Client.PostAsync("/api/series/OVR2/import?decimal=comma&dateColumn=When&closeColumn=Settle", Api.Csv(Csv))).JsonAsync();

        Assert.Equal("Settle", report.GetProperty("evidence").Str("closeColumn"));
        var prices = (await app.Client.GetJsonAsync("/api/series/OVR2/prices")).EnumerateArray().ToList();
        Assert.Equal([10038.0, 10271.0], prices.Select(p => p.GetProperty("close").GetDouble()));
    }

    [Theory]
    [InlineData("decimal=x", "decimal")]
    [InlineData("dateFormat=sometimes", "dateFormat")]
    public async Task A_choice_that_means_nothing_is_a_400_naming_it(string query, string field)
    {
        var problem = await (await app.Client.PostAsync($"/api/series/OVR3/import?{query}", Api.Csv(Ambiguous))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(field, problem.Errors().Single().Str("field"));
        await (await app.Client.GetAsync("/api/series/OVR3/prices")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_import_verb_takes_the_same_choices()
    {
        var path = Path.Combine(app.Folder.Path, "ovr4.csv");
        await File.WriteAllTextAsync(path, Ambiguous);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var refused = await CommandLine.RunAsync(["import", path, "--symbol", "OVR4"], app.Factory.Services, new StringReader(""), output, error);
        var imported = await CommandLine.RunAsync(["import", path, "--symbol", "OVR4", "--date-format", "dmy", "--decimal", ","], app.Factory.Services, new StringReader(""), output, error);
        var missingValue = await CommandLine.RunAsync(["import", path, "--decimal"], app.Factory.Services, new StringReader(""), output, error);

        Assert.Equal(1, refused);
        Assert.Equal(0, imported);
        Assert.Equal(2, missingValue);
        Assert.Contains("OVR4 (generic) inserted 3", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("as chosen: date format dmy, decimal ','", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Required argument missing for option: '--decimal'", error.ToString(), StringComparison.Ordinal);
    }
}
