namespace MarketContext.TestSupport;

/// <summary>
/// The real price files the tests read in place, from the folders the environment names (scripts/test.sh sets them):
/// never copied into the repository.
/// </summary>
public static class RealData
{
    public const string PricesVariable = "MarketContext__PricesDirectory";
    public const string MarketsVariable = "MarketContext__MarketsDirectory";

    /// <summary>The path of <paramref name="name"/> in the folder <paramref name="variable"/> names; fails the test when it is not set.</summary>
    public static string Real(string variable, string name)
    {
        var folder = Environment.GetEnvironmentVariable(variable);
        Assert.False(string.IsNullOrWhiteSpace(folder), $"Set {variable} (scripts/test.sh sets it).");
        return Path.Combine(folder, name);
    }

    /// <summary>A file of the markets folder (home listings, indices, FX).</summary>
    public static string Markets(string name) => Real(MarketsVariable, name);

    /// <summary>A file of the prices folder (the ADRs and QQQ).</summary>
    public static string Prices(string name) => Real(PricesVariable, name);

    /// <summary>Imports the file at <paramref name="path"/> as <paramref name="symbol"/> through the API; fails the test unless it is taken.</summary>
    public static async Task ImportAsync(HttpClient client, string symbol, string path) =>
        await (await client.PostAsync($"/api/series/{Uri.EscapeDataString(symbol)}/import", Api.Csv(await File.ReadAllTextAsync(path)))).JsonAsync();
}
