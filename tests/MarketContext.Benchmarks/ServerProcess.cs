using System.Diagnostics;
using MarketContext.TestSupport;

namespace MarketContext.Benchmarks;

/// <summary>The dashboard as its own process on a free loopback port, so that its memory can be read apart from the load's.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private ServerProcess(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public static string WebDll => Path.Combine(AppContext.BaseDirectory, "MarketContext.Web.dll");

    /// <summary>Runs a command-line verb of the app against a database and returns its standard output.</summary>
    public static async Task<string> VerbAsync(string database, string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(WebDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["MarketContext__Database"] = database;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{string.Join(' ', args)} failed: {await process.StandardError.ReadToEndAsync()}");
    }

    /// <param name="settings">Extra environment, e.g. <c>MarketContext__RenderConcurrency</c>.</param>
    public static Task<ServerProcess> StartAsync(string database, string pricesDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = Path.GetDirectoryName(database)!;
        var environment = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["MarketContext__Database"] = database,
            ["MarketContext__PricesDirectory"] = pricesDirectory,
        };
        return StartAsync(WebDll, folder, [], environment);
    }

    /// <summary>The reference hub of <see cref="BareHub"/>, from this benchmark's own executable.</summary>
    public static Task<ServerProcess> StartBareHubAsync(string folder) =>
        StartAsync(Path.Combine(AppContext.BaseDirectory, "MarketContext.Benchmarks.dll"), folder, ["bare-hub"], new Dictionary<string, string>());

    private static async Task<ServerProcess> StartAsync(string dll, string folder, string[] args, Dictionary<string, string> environment)
    {
        var port = Loopback.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["MarketContext__AllowUnencryptedKeys"] = "true";
        start.Environment["HOME"] = folder;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, folder, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = server.Address };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not become ready within a minute.");
    }

    /// <summary>Resident memory of the server process, from the kernel's own accounting.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>CPU time (user + system) the server process has used, from /proc; the kernel counts it in 10 ms ticks.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        // Fields after the command name in parentheses: state is field 3, utime 14 and stime 15 (USER_HZ = 100 on Linux).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _ = _folder;
    }
}
