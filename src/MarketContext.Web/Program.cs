using MarketContext.Web;
using MarketContext.Web.Cli;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.UseShippedSettings(commandLine: CommandLine.IsVerb(args));
builder.Services.AddMarketContext(builder.Configuration);
var app = builder.Build();

if (CommandLine.IsVerb(args))
{
    return await CommandLine.RunAsync(args, app.Services, Console.In, Console.Out, Console.Error, terminal: !Console.IsOutputRedirected);
}

app.MapMarketContext();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the host tests' WebApplicationFactory.</summary>
public partial class Program;
