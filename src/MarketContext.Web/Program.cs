using MarketContext.Web;
using MarketContext.Web.Cli;

// The content root is the folder that holds the top-level wwwroot (the web root) and data/: the repository root when
// run from source (scripts/run.sh and `dotnet run` start there, the tests name it), the publish folder when published.
var builder = WebApplication.CreateBuilder(args);
// From a build output the static web assets manifest maps the web root's files, and the build's compressed copies of
// them, to where they lie; Development maps it by itself. A published app has none: its wwwroot holds everything.
if (!builder.Environment.IsDevelopment())
{
    builder.WebHost.UseStaticWebAssets();
}
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
