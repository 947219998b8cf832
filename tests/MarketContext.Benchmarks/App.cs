using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketContext.Benchmarks;

/// <summary>The real app on a real loopback port, with its own database, fed from a price folder.</summary>
public sealed class App : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marketcontext-bench-").FullName;
    private readonly string _prices;

    public App(string pricesDirectory)
    {
        _prices = pricesDirectory;
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    public HttpClient Http() => new() { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSolutionRelativeContentRoot("src/MarketContext.Web");
        builder.UseEnvironment("Production");
        builder.UseSetting("MarketContext:Database", Path.Combine(_folder, "bench.db"));
        builder.UseSetting("MarketContext:PricesDirectory", _prices);
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
