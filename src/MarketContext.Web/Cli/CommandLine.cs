using System.CommandLine;
using System.CommandLine.Invocation;
using MarketContext.Web.Data;

namespace MarketContext.Web.Cli;

/// <summary>
/// The verbs the same executable runs instead of serving (<c>import</c>, <c>fetch</c>, <c>users</c>, <c>tokens</c>,
/// <c>migrate-to-postgres</c>), parsed by System.CommandLine: <c>--help</c> on the tool and on each verb, options
/// in any order. Configuration overrides such as <c>--MarketContext:Database=x.db</c> are the host's: the verbs
/// let them through. Exit codes: 0 done, 1 refused or failed, 2 a command line that does not parse.
/// </summary>
public static class CommandLine
{
    public const int Refused = 1, BadUsage = 2;

    public static readonly IReadOnlySet<string> Verbs = new HashSet<string> { "import", "fetch", "users", "tokens", "migrate-to-postgres" };

    private static readonly IReadOnlySet<string> HelpOptions = new HashSet<string> { "--help", "-h", "-?", "--version" };

    /// <summary>Run a verb (or print help) rather than serve: the first argument that is not a setting says so.</summary>
    public static bool IsVerb(string[] args) =>
        WithoutSettings(args).FirstOrDefault() is { } first && (Verbs.Contains(first) || HelpOptions.Contains(first));

    /// <param name="terminal">Standard output is a terminal: draw progress bars (never into a file or a pipe).</param>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextReader input, TextWriter output, TextWriter error, bool terminal = false)
    {
        var context = new VerbContext(services, input, output, error, terminal);
        var root = new RootCommand("MarketContext: the dashboard of policy events against vendor stocks. Without a verb it serves the web app (--urls http://127.0.0.1:PORT).");
        root.Subcommands.Add(PriceVerbs.Import(context));
        root.Subcommands.Add(PriceVerbs.Fetch(context));
        root.Subcommands.Add(AccountVerbs.Users(context));
        root.Subcommands.Add(AccountVerbs.Tokens(context));
        root.Subcommands.Add(PriceVerbs.MigrateToPostgres(context));

        var parsed = root.Parse(WithoutSettings(args));
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine(problem.Message);
            }
            error.WriteLine($"For usage, run: {string.Join(' ', ["MarketContext.Web", .. CommandPath(parsed), "--help"])}");
            return BadUsage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// The arguments less the host's configuration settings (<c>--Section:Key=value</c> or <c>--Section:Key value</c>):
    /// those were read when the host was built, and a verb has no option of that shape.
    /// </summary>
    public static IReadOnlyList<string> WithoutSettings(IReadOnlyList<string> args)
    {
        var rest = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var key = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..].Split('=', 2)[0] : "";
            if (key.Contains(':', StringComparison.Ordinal))
            {
                if (!arg.Contains('=', StringComparison.Ordinal))
                {
                    i++;
                }
                continue;
            }
            rest.Add(arg);
        }
        return rest;
    }

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }
        return names;
    }
}

/// <summary>What every verb's action needs: the app's services, the console streams, and the schema brought up to date once.</summary>
public sealed class VerbContext(IServiceProvider services, TextReader input, TextWriter output, TextWriter error, bool terminal)
{
    public IServiceProvider Services { get; } = services;
    public TextReader Input { get; } = input;
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;
    public bool Terminal { get; } = terminal;

    /// <summary>Who a change made here is recorded as in the audit log.</summary>
    public static string Actor => $"{Features.Auth.AuditLog.CommandLine} ({Environment.UserName})";

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    // Only the schema: no verb reads the event catalogue, which the server syncs at every start. Loading it
    // cost a fifth of a second of JSON and mapping per run, a tenth of a 1,000,000-row import.
    public async Task MigrateAsync()
    {
        var db = Get<Db>();
        await using var connection = await db.OpenAsync();
        await Migrator.MigrateAsync(connection, db.Dialect, clock: Get<TimeProvider>());
    }
}
