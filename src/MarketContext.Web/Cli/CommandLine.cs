using System.Data.Common;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Features.Prices.Reading;

namespace MarketContext.Web.Cli;

/// <summary>
/// The verbs the same executable runs instead of serving: <c>import &lt;file|folder&gt; [--symbol SYM]</c>,
/// <c>fetch &lt;SYMBOL...&gt; [--from DATE]</c>,
/// <c>users add &lt;name&gt; --role editor|viewer|admin</c> (password on standard input), <c>tokens create --user &lt;name&gt;</c>.
/// </summary>
public static class CommandLine
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string> { "import", "fetch", "users", "tokens", "migrate-to-postgres" };

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    /// <param name="terminal">Standard output is a terminal: draw progress bars (never into a file or a pipe).</param>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextReader input, TextWriter output, TextWriter error, bool terminal = false)
    {
        // Only the schema: no verb reads the event catalogue, which the server syncs at every start. Loading it
        // cost a fifth of a second of JSON and mapping per run, a tenth of a 1,000,000-row import.
        var db = services.GetRequiredService<Db>();
        await using (var connection = await db.OpenAsync())
        {
            await Migrator.MigrateAsync(connection, db.Dialect);
        }
        var users = services.GetRequiredService<UserStore>();
        return args switch
        {
            ["import", .. var rest] => await ImportAsync(rest, services, terminal, output, error),
            ["fetch", .. var rest] => await FetchAsync(rest, services.GetRequiredService<PriceRefresh>(), services.GetRequiredService<OnlinePriceSource>(), terminal, output, error),
            ["users", "add", var name, .. var rest] => await AddUserAsync(name, rest, users, input, output, error),
            ["tokens", "create", "--user", var name] => await CreateTokenAsync(name, users, output, error),
            ["migrate-to-postgres", "--from", var file] => await MigrateToPostgresAsync(file, db, output, error),
            _ => Usage(error, $"unknown command \"{string.Join(' ', args)}\""),
        };
    }

    private static async Task<int> AddUserAsync(string name, string[] args, UserStore users, TextReader input, TextWriter output, TextWriter error)
    {
        var role = Roles.Editor;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--role" && i + 1 < args.Length && Roles.All.Contains(args[i + 1]))
            {
                role = args[++i];
            }
            else if (args[i] != "--password-stdin")
            {
                return Usage(error, $"unexpected argument \"{args[i]}\"");
            }
        }
        // The password comes on standard input so that it never shows in a process list or shell history.
        var password = input.ReadLine();
        try
        {
            var user = await users.AddAsync(name, password ?? "", role);
            output.WriteLine($"Added {user.Name} ({user.Role}).");
            return 0;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"users add: {e.Message.Split(" (Parameter")[0]}");
            return 1;
        }
    }

    private static async Task<int> CreateTokenAsync(string name, UserStore users, TextWriter output, TextWriter error)
    {
        if (await users.FindAsync(name) is not { } user)
        {
            error.WriteLine($"tokens create: there is no user named \"{name}\"");
            return 1;
        }
        output.WriteLine($"A token for {user.Name} ({user.Role}); keep it secret, it is shown only once:");
        output.WriteLine(await users.CreateTokenAsync(user));
        return 0;
    }

    /// <summary>The import verb's reading options (<c>--date-format</c>, <c>--decimal</c>, <c>--date-column</c>, <c>--close-column</c>, <c>--adj-close-column</c>), apart from the rest.</summary>
    internal static ImportOverrides? ParseImportOverrides(string[] args, out string[] rest, out string? problem)
    {
        var others = new List<string>();
        var overrides = ImportOverrides.FromArguments(args, others, out problem);
        rest = [.. others];
        return overrides;
    }

    private static async Task<int> ImportAsync(string[] args, IServiceProvider services, bool terminal, TextWriter output, TextWriter error)
    {
        if (ParseImportOverrides(args, out args, out var overridesProblem) is not { } overrides)
        {
            return Usage(error, overridesProblem);
        }
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

        IReadOnlyList<(string File, string Symbol)> files;
        if (Directory.Exists(path))
        {
            if (symbol is not null)
            {
                return Usage(error, "--symbol goes with a single file, not a folder");
            }
            files = [.. PriceFolderImport.PriceFiles(path).Select(f => (f, PriceFolderImport.SymbolOf(f)))];
            if (files.Count == 0)
            {
                error.WriteLine($"import: no SYMBOL.csv files in {path}");
                return 1;
            }
        }
        else if (File.Exists(path))
        {
            files = [(path, symbol ?? PriceFolderImport.SymbolOf(path))];
        }
        else
        {
            error.WriteLine($"import: {path}: no such file or folder");
            return 1;
        }

        // Each file is reported as soon as it is done, so that a long folder import shows its way through.
        var folderImport = services.GetRequiredService<PriceFolderImport>();
        var refused = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var (file, fileSymbol) = files[i];
            var label = files.Count > 1 ? $"{Path.GetFileName(file)} ({i + 1}/{files.Count})" : Path.GetFileName(file);
            var bar = terminal ? new ProgressBar(output, label) : null;
            var result = await folderImport.ImportFileAsync(file, fileSymbol, bar, overrides: overrides);
            bar?.Clear();
            Print(Path.GetFileName(file), result.Report, result.Rejection, output, error);
            refused += result.Report is null ? 1 : 0;
        }
        return refused == 0 ? 0 : 1;
    }

    private static async Task<int> FetchAsync(string[] args, PriceRefresh refresh, OnlinePriceSource source, bool terminal, TextWriter output, TextWriter error)
    {
        var symbols = new List<string>();
        DateOnly? from = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--from" && i + 1 < args.Length)
            {
                if (!DateOnly.TryParseExact(args[++i], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
                {
                    return Usage(error, $"\"{args[i]}\" is not a date (YYYY-MM-DD)");
                }
                from = date;
            }
            else if (Instruments.IsValidSymbol(args[i]))
            {
                symbols.Add(args[i].ToUpperInvariant());
            }
            else
            {
                return Usage(error, $"unexpected argument \"{args[i]}\"");
            }
        }
        if (symbols.Count == 0)
        {
            return Usage(error, "fetch needs at least one symbol");
        }

        var failed = 0;
        foreach (var symbol in symbols)
        {
            var bar = terminal ? new ProgressBar(output, $"{symbol} from {source.Describe()}") : null;
            try
            {
                var report = await refresh.RefreshAsync(symbol, from, bar);
                bar?.Clear();
                Print(symbol, report, null, output, error);
            }
            catch (PriceFileRejectedException rejected)
            {
                bar?.Clear();
                Print(symbol, null, rejected, output, error);
                failed++;
            }
            catch (PriceSourceException e)
            {
                bar?.Clear();
                error.WriteLine($"{symbol}: {e.Message}");
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The same report as the API's: format, counts, then the line-numbered warnings or errors.</summary>
    private static void Print(string name, ImportReport? report, PriceFileRejectedException? rejection, TextWriter output, TextWriter error)
    {
        if (report is { } r)
        {
            output.WriteLine($"{name}: {r.Symbol} ({r.Format}) inserted {r.Inserted}, updated {r.Updated}, unchanged {r.Unchanged}, warnings {r.WarningCount}");
            if (r.Evidence is { } evidence)
            {
                foreach (var line in ImportEvidenceText.Lines(evidence))
                {
                    output.WriteLine($"  {line}");
                }
            }
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
        var file = rejection!.File;
        error.WriteLine($"{name}: refused ({file.Format}), nothing stored: {file.ErrorCount} error(s)");
        foreach (var e in file.Errors)
        {
            error.WriteLine($"  error line {e.Line}: {e.Message}");
        }
        if (file.ErrorCount > file.Errors.Count)
        {
            error.WriteLine($"  … and {file.ErrorCount - file.Errors.Count} more error(s)");
        }
    }

    private static async Task<int> MigrateToPostgresAsync(string file, Db db, TextWriter output, TextWriter error)
    {
        try
        {
            var result = await PostgresMigration.CopyAsync(file, db);
            foreach (var (table, rows) in result.Tables)
            {
                output.WriteLine($"{table}: {rows} row(s)");
            }
            output.WriteLine("Copied into PostgreSQL in one transaction.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or DbException)
        {
            error.WriteLine($"Nothing was copied: {e.Message}");
            return 1;
        }
    }

    private static int Usage(TextWriter error, string? problem = null)
    {
        if (problem is not null)
        {
            error.WriteLine(problem);
        }
        error.WriteLine("""
            usage: MarketContext.Web import <file.csv|folder> [--symbol SYM] [--date-format dmy|mdy|ymd|dd/MM/yyyy]
                       [--decimal .|,] [--date-column NAME|N] [--close-column NAME|N] [--adj-close-column NAME|N]
                   MarketContext.Web fetch <SYMBOL...> [--from YYYY-MM-DD]   (from MarketContext:PriceSource)
                   MarketContext.Web users add <name> --role editor|viewer|admin   (password on standard input)
                   MarketContext.Web tokens create --user <name>
                   MarketContext.Web migrate-to-postgres --from <sqlite file>   (into MarketContext:ConnectionString)
            """);
        return 2;
    }
}
