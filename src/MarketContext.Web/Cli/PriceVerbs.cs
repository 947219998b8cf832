using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Features.Prices.Reading;

namespace MarketContext.Web.Cli;

/// <summary><c>import</c>, <c>fetch</c> and <c>migrate-to-postgres</c>.</summary>
internal static class PriceVerbs
{
    public static Command Import(VerbContext context)
    {
        var path = new Argument<string>("path") { Description = "A price file (SYMBOL.csv) or a folder of them" };
        var symbol = new Option<string?>("--symbol") { Description = "The symbol of a single file (default: the file name)", HelpName = "SYM" };
        var command = new Command("import", "Import one price file, or every SYMBOL.csv in a folder; prints the report; exit code 1 on any refusal") { path, symbol };
        // The reading choices: the same names as the import endpoint's query parameters, parsed by one function.
        var choices = ImportOverrides.Names.Select(name => (name.Query, Option: new Option<string?>(name.Option)
        {
            Arity = ArgumentArity.ExactlyOne,
            Description = ReadingChoiceHelp[name.Query],
            HelpName = name.Query == "dateFormat" ? "dmy|mdy|ymd|dd/MM/yyyy" : name.Query == "decimal" ? ".|," : "NAME|N",
        })).ToList();
        choices.ForEach(choice => command.Options.Add(choice.Option));
        command.SetAction(async parsed =>
        {
            var values = choices.ToDictionary(c => c.Query, c => parsed.GetValue(c.Option));
            if (ImportOverrides.Parse(key => values.GetValueOrDefault(key), out var problem) is not { } overrides)
            {
                context.Error.WriteLine($"import: {problem}");
                return CommandLine.BadUsage;
            }
            await context.MigrateAsync();
            return await ImportAsync(parsed.GetValue(path)!, parsed.GetValue(symbol), overrides, context);
        });
        return command;
    }

    private static readonly Dictionary<string, string> ReadingChoiceHelp = new()
    {
        ["dateFormat"] = "The date order or pattern, when the file's dates cannot tell it",
        ["decimal"] = "The decimal separator, when the file's numbers cannot tell it",
        ["dateColumn"] = "The column of the dates (header name or 1-based number)",
        ["closeColumn"] = "The column of the closes (header name or 1-based number)",
        ["adjCloseColumn"] = "The column of the adjusted closes (header name or 1-based number)",
    };

    public static Command Fetch(VerbContext context)
    {
        var symbols = new Argument<string[]>("symbols") { Description = "The symbols to download", Arity = ArgumentArity.OneOrMore };
        var from = new Option<DateOnly?>("--from")
        {
            Description = "First day to download (default: 10 days before the last stored day)",
            HelpName = "YYYY-MM-DD",
            CustomParser = result => DateOnly.TryParseExact(result.Tokens[0].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : Fail<DateOnly?>(result, $"\"{result.Tokens[0].Value}\" is not a date (YYYY-MM-DD)"),
        };
        var command = new Command("fetch", "Download series from MarketContext:PriceSource and import them through the same checks") { symbols, from };
        command.Validators.Add(result =>
        {
            foreach (var bad in result.GetValue(symbols)?.Where(s => !Instruments.IsValidSymbol(s)) ?? [])
            {
                result.AddError($"\"{bad}\" is not a symbol");
            }
        });
        command.SetAction(async parsed =>
        {
            await context.MigrateAsync();
            return await FetchAsync([.. parsed.GetValue(symbols)!.Select(s => s.ToUpperInvariant())], parsed.GetValue(from), context);
        });
        return command;
    }

    public static Command MigrateToPostgres(VerbContext context)
    {
        var from = new Option<string>("--from") { Description = "The SQLite file to copy", Required = true, HelpName = "sqlite file" };
        var command = new Command("migrate-to-postgres", "Copy a SQLite database into the empty PostgreSQL database of MarketContext:ConnectionString, in one transaction") { from };
        command.SetAction(async parsed => await MigrateToPostgresAsync(parsed.GetValue(from)!, context));
        return command;
    }

    internal static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    private static async Task<int> ImportAsync(string path, string? symbol, ImportOverrides overrides, VerbContext context)
    {
        var (output, error) = (context.Output, context.Error);
        if (symbol is not null && !Instruments.IsValidSymbol(symbol))
        {
            error.WriteLine($"import: \"{symbol}\" is not a symbol");
            return CommandLine.BadUsage;
        }
        IReadOnlyList<(string File, string Symbol)> files;
        if (Directory.Exists(path))
        {
            if (symbol is not null)
            {
                error.WriteLine("import: --symbol goes with a single file, not a folder");
                return CommandLine.BadUsage;
            }
            files = [.. PriceFolderImport.PriceFiles(path).Select(f => (f, PriceFolderImport.SymbolOf(f)))];
            if (files.Count == 0)
            {
                error.WriteLine($"import: no SYMBOL.csv files in {path}");
                return CommandLine.Refused;
            }
        }
        else if (File.Exists(path))
        {
            files = [(path, symbol ?? PriceFolderImport.SymbolOf(path))];
        }
        else
        {
            error.WriteLine($"import: {path}: no such file or folder");
            return CommandLine.Refused;
        }

        // Each file is reported as soon as it is done, so that a long folder import shows its way through.
        var folderImport = context.Get<PriceFolderImport>();
        var refused = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var (file, fileSymbol) = files[i];
            var label = files.Count > 1 ? $"{Path.GetFileName(file)} ({i + 1}/{files.Count})" : Path.GetFileName(file);
            var bar = context.Terminal ? new ProgressBar(output, label, context.Get<TimeProvider>()) : null;
            var result = await folderImport.ImportFileAsync(file, fileSymbol, bar, overrides: overrides);
            bar?.Clear();
            Print(Path.GetFileName(file), result.Report, result.Rejection, output, error);
            refused += result.Report is null ? 1 : 0;
        }
        return refused == 0 ? 0 : CommandLine.Refused;
    }

    private static async Task<int> FetchAsync(IReadOnlyList<string> symbols, DateOnly? from, VerbContext context)
    {
        var (output, error) = (context.Output, context.Error);
        var refresh = context.Get<PriceRefresh>();
        var source = context.Get<OnlinePriceSource>();
        var failed = 0;
        foreach (var symbol in symbols)
        {
            var bar = context.Terminal ? new ProgressBar(output, $"{symbol} from {source.Describe()}", context.Get<TimeProvider>()) : null;
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
        return failed == 0 ? 0 : CommandLine.Refused;
    }

    /// <summary>The same report as the API's: format, counts, then the line-numbered warnings or errors.</summary>
    private static void Print(string name, ImportReport? report, PriceFileRejectedException? rejection, TextWriter output, TextWriter error)
    {
        if (report is { } r)
        {
            output.WriteLine($"{name}: {r.Symbol} ({r.Format}) inserted {r.Inserted}, updated {r.Updated}, unchanged {r.Unchanged}, warnings {r.WarningCount}");
            foreach (var line in r.Evidence is { } evidence ? ImportEvidenceText.Lines(evidence) : [])
            {
                output.WriteLine($"  {line}");
            }
            foreach (var w in r.Warnings)
            {
                output.WriteLine($"  warning line {w.Line}: {w.Message}");
            }
            if (r.WarningCount > r.Warnings.Count)
            {
                output.WriteLine($"  … and {r.WarningCount - r.Warnings.Count} more warning(s)");
            }
            if (r.Calendar is { } calendar)
            {
                output.WriteLine($"  calendar {calendar.Exchange} ({calendar.CalendarVersion}): {calendar.Summary}");
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

    private static async Task<int> MigrateToPostgresAsync(string file, VerbContext context)
    {
        try
        {
            var result = await PostgresMigration.CopyAsync(file, context.Get<Db>());
            foreach (var (table, rows) in result.Tables)
            {
                context.Output.WriteLine($"{table}: {rows} row(s)");
            }
            context.Output.WriteLine("Copied into PostgreSQL in one transaction.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or DbException)
        {
            context.Error.WriteLine($"Nothing was copied: {e.Message}");
            return CommandLine.Refused;
        }
    }
}
