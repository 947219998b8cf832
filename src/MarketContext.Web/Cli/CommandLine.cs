using MarketContext.Web.Data;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.Health;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Web.Cli;

/// <summary>The verbs the same executable runs instead of serving: <c>import &lt;file|folder&gt; [--symbol SYM]</c>.</summary>
public static class CommandLine
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string> { "import" };

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        await StartupTasks.PrepareDatabaseAsync(services.GetRequiredService<Db>(), services.GetRequiredService<EventStore>(), CancellationToken.None);
        return args[0] switch
        {
            "import" => await ImportAsync(args[1..], services.GetRequiredService<PriceFolderImport>(), output, error),
            _ => Usage(error),
        };
    }

    private static async Task<int> ImportAsync(string[] args, PriceFolderImport folderImport, TextWriter output, TextWriter error)
    {
        string? path = null, symbol = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--symbol" && i + 1 < args.Length)
            {
                symbol = args[++i];
            }
            else if (path is null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                path = args[i];
            }
            else
            {
                return Usage(error, $"unexpected argument \"{args[i]}\"");
            }
        }
        if (path is null)
        {
            return Usage(error, "import needs a file or a folder");
        }
        if (symbol is not null && !Instruments.IsValidSymbol(symbol))
        {
            return Usage(error, $"\"{symbol}\" is not a symbol");
        }

        IReadOnlyList<FolderImportResult> results;
        if (Directory.Exists(path))
        {
            if (symbol is not null)
            {
                return Usage(error, "--symbol goes with a single file, not a folder");
            }
            results = await folderImport.ImportAsync(path, onlyMissing: false);
            if (results.Count == 0)
            {
                error.WriteLine($"import: no SYMBOL.csv files in {path}");
                return 1;
            }
        }
        else if (File.Exists(path))
        {
            results = [await folderImport.ImportFileAsync(path, symbol ?? PriceFolderImport.SymbolOf(path))];
        }
        else
        {
            error.WriteLine($"import: {path}: no such file or folder");
            return 1;
        }

        foreach (var result in results)
        {
            Print(result, output, error);
        }
        return results.All(r => r.Report is not null) ? 0 : 1;
    }

    private static void Print(FolderImportResult result, TextWriter output, TextWriter error)
    {
        var name = Path.GetFileName(result.File);
        if (result.Report is { } r)
        {
            output.WriteLine($"{name}: {r.Symbol} ({r.Format}) inserted {r.Inserted}, updated {r.Updated}, unchanged {r.Unchanged}, warnings {r.WarningCount}");
            foreach (var w in r.Warnings)
            {
                output.WriteLine($"  warning line {w.Line}: {w.Message}");
            }
            if (r.WarningCount > r.Warnings.Count)
            {
                output.WriteLine($"  … and {r.WarningCount - r.Warnings.Count} more warning(s)");
            }
            return;
        }
        var file = result.Rejection!.File;
        error.WriteLine($"{name}: refused, nothing stored: {file.ErrorCount} error(s)");
        foreach (var e in file.Errors)
        {
            error.WriteLine($"  error line {e.Line}: {e.Message}");
        }
        if (file.ErrorCount > file.Errors.Count)
        {
            error.WriteLine($"  … and {file.ErrorCount - file.Errors.Count} more error(s)");
        }
    }

    private static int Usage(TextWriter error, string? problem = null)
    {
        if (problem is not null)
        {
            error.WriteLine($"import: {problem}");
        }
        error.WriteLine("usage: MarketContext.Web import <file.csv|folder> [--symbol SYM]");
        return 2;
    }
}
