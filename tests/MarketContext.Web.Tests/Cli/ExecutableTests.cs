using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Cli;

/// <summary>The real executable in its own process: help never serves, and settings on the command line reach the verbs.</summary>
public sealed class ExecutableTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(int Code, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder.Path,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MarketContext.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["HOME"] = _folder.Path;
        start.Environment["MarketContext__PricesDirectory"] = _folder.Combine("no-prices");
        start.Environment["MarketContext__MarketsDirectory"] = "";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{string.Join(' ', args)} did not exit: it serves instead");
        }
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Help_exits_0_without_serving_even_when_the_default_port_is_taken()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 5000);
        try
        {
            taken.Start();
        }
        catch (SocketException)
        {
            // Taken by someone else already: just as good.
        }

        var tool = await RunAsync("", "--help");
        var verb = await RunAsync("", "users", "set-role", "--help");

        Assert.True(tool.Code == 0, tool.Error);
        Assert.Contains("tokens", tool.Output, StringComparison.Ordinal);
        Assert.True(verb.Code == 0, verb.Error);
        Assert.Contains("--role", verb.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_given_on_the_command_line_is_the_one_the_verb_uses()
    {
        var database = _folder.Combine("cli", "override.db");
        string[] settings = ["--MarketContext:Provider=sqlite", $"--MarketContext:Database={database}"];

        var added = await RunAsync("a long enough password\n", ["users", "add", "exe-ursula", .. settings, "--role", "viewer"]);
        var listed = await RunAsync("", [.. settings, "users", "list"]);

        Assert.True(added.Code == 0, added.Error);
        Assert.True(File.Exists(database));
        Assert.StartsWith("exe-ursula\tviewer\t", listed.Output, StringComparison.Ordinal);
    }
}
