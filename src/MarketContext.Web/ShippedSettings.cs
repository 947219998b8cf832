using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Console;

namespace MarketContext.Web;

public static class ShippedSettings
{
    /// <summary>
    /// Settings beside the executable as defaults; for a command-line verb, only warnings and errors are logged,
    /// and to stderr, so that stdout carries the verb's own report (a token, an import report) and nothing else.
    /// </summary>
    public static WebApplicationBuilder UseShippedSettings(this WebApplicationBuilder builder, bool commandLine)
    {
        builder.Configuration.AddShippedDefaults(builder.Environment);
        if (commandLine)
        {
            builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        return builder;
    }

    /// <summary>
    /// The appsettings.json (and appsettings.{Environment}.json) that travel with the build, read from beside the
    /// executable below every other source: the app is often started from another folder (scripts/run.sh starts it
    /// in the repository root), where the content root has no settings of its own. Anything an operator sets in the
    /// content root, the environment or on the command line still wins.
    /// </summary>
    public static ConfigurationManager AddShippedDefaults(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        var beside = new PhysicalFileProvider(AppContext.BaseDirectory);
        configuration.Sources.Insert(0, Json(beside, "appsettings.json"));
        configuration.Sources.Insert(1, Json(beside, $"appsettings.{environment.EnvironmentName}.json"));
        return configuration;
    }

    private static JsonConfigurationSource Json(IFileProvider files, string path) =>
        new() { FileProvider = files, Path = path, Optional = true, ReloadOnChange = false };
}
