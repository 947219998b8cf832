using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MarketContext.Tests.Build;

/// <summary>
/// The rules of the code base that a reviewer would otherwise have to remember: SQL names its columns, the engine
/// differences stay in <c>Data/</c>, every package a project references is used by it, and no source file grows past
/// the size budget. Each rule's named exceptions say why they are there; an exception that is no longer needed fails
/// too, so that it is removed with the last thing that needed it.
/// </summary>
public sealed partial class RepositoryRulesTests
{
    private const int LineBudget = 300;

    private static readonly string Root = FindRoot();
    private static readonly string DataFolder = Path.Combine("src", "MarketContext.Web", "Data") + Path.DirectorySeparatorChar;

    /// <summary>Files allowed over the line budget, by path from the repository root.</summary>
    private static readonly Dictionary<string, string> OverBudget = new(StringComparer.Ordinal)
    {
    };

    /// <summary>Files allowed a <c>select *</c>.</summary>
    private static readonly Dictionary<string, string> SelectStarAllowed = new(StringComparer.Ordinal)
    {
    };

    /// <summary>Files outside <c>Data/</c> allowed to ask which engine they run on.</summary>
    private static readonly Dictionary<string, string> EngineCheckAllowed = new(StringComparer.Ordinal)
    {
    };

    /// <summary>Packages a project needs at build or test time without naming anything of theirs in its code.</summary>
    private static readonly HashSet<string> RuntimeOnlyPackages = new(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.NET.Test.Sdk", // the test host `dotnet test` runs
        "xunit.runner.visualstudio", // the adapter that finds the xunit tests
    };

    /// <summary>What a project's code shows of a package whose namespace is not its name (extension methods, attributes).</summary>
    private static readonly Dictionary<string, string> UseEvidence = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.AspNetCore.Mvc.Testing"] = @"\bWebApplicationFactory<",
        ["Microsoft.AspNetCore.OpenApi"] = @"\b(AddOpenApi|MapOpenApi)\(",
        ["Microsoft.AspNetCore.SignalR.Client"] = @"\bHubConnectionBuilder\b",
        ["Microsoft.AspNetCore.SignalR.StackExchangeRedis"] = @"\bAddStackExchangeRedis\(",
        ["Microsoft.Extensions.Http.Resilience"] = @"\b(AddStandardResilienceHandler|AddResilienceHandler)\(",
        ["OpenTelemetry.Exporter.InMemory"] = @"\bAddInMemoryExporter\(",
        ["OpenTelemetry.Exporter.OpenTelemetryProtocol"] = @"\b(UseOtlpExporter|AddOtlpExporter)\(",
        ["OpenTelemetry.Exporter.Prometheus.AspNetCore"] = @"\b(AddPrometheusExporter|MapPrometheusScrapingEndpoint)\(",
        ["OpenTelemetry.Extensions.Hosting"] = @"\bAddOpenTelemetry\(",
        ["OpenTelemetry.Instrumentation.AspNetCore"] = @"\bAddAspNetCoreInstrumentation\(",
        ["OpenTelemetry.Instrumentation.Http"] = @"\bAddHttpClientInstrumentation\(",
        ["OpenTelemetry.Instrumentation.Runtime"] = @"\bAddRuntimeInstrumentation\(",
        ["xunit"] = @"\[(Fact|Theory)\b",
        ["xunit.assert"] = @"\bAssert\.",
    };

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MarketContext.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("MarketContext.sln not found above the test's folder.");
    }

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules");

    private static IEnumerable<string> FilesUnder(string folder, params string[] endings) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(Root, path)) && endings.Any(e => path.EndsWith(e, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);

    /// <summary>The product's sources: the app's code and pages, and the page scripts (not the vendored libraries).</summary>
    private static IEnumerable<string> ProductSources() =>
        FilesUnder("src", ".cs", ".cshtml", ".sql").Concat(FilesUnder(Path.Combine("wwwroot", "js"), ".js"));

    private static string Relative(string path) => Path.GetRelativePath(Root, path);

    [GeneratedRegex(@"\bselect\s+(distinct\s+)?([A-Za-z_][A-Za-z0-9_]*\.)?\*", RegexOptions.IgnoreCase)]
    private static partial Regex SelectStar();

    [GeneratedRegex(@"\bis\s+(not\s+)?(Npgsql|Sqlite)Connection\b|\((Npgsql|Sqlite)Connection\)\s*\w|\bDialect\s*[!=]=|\bSqlDialect\.(Postgres|Sqlite)\b|\.IsPostgres\b")]
    private static partial Regex EngineCheck();

    internal static IEnumerable<string> Breaches(IEnumerable<(string Path, string Text)> files, Regex rule) =>
        files.SelectMany(f => f.Text.Split('\n').Select((line, i) => (Line: line, Number: i + 1)).Where(l => rule.IsMatch(l.Line))
            .Select(l => $"{f.Path}:{l.Number}: {l.Line.Trim()}"));

    private static List<(string Path, string Text)> Read(IEnumerable<string> paths) => [.. paths.Select(p => (Relative(p), File.ReadAllText(p)))];

    private static void AssertOnlyTheExceptions(IEnumerable<string> breaches, IReadOnlyDictionary<string, string> allowed)
    {
        var byFile = breaches.GroupBy(b => b[..b.IndexOf(':', StringComparison.Ordinal)]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Empty(byFile.Where(f => !allowed.ContainsKey(f.Key)).SelectMany(f => f.Value));
        // A named exception that no longer breaks the rule is removed, so that the list says what is left to do.
        var stale = allowed.Keys.Where(path => !byFile.ContainsKey(path)).ToList();
        Assert.Empty(stale);
    }

    [Fact]
    public void No_sql_selects_every_column_with_a_star()
    {
        AssertOnlyTheExceptions(Breaches(Read(ProductSources()), SelectStar()), SelectStarAllowed);
    }

    [Fact]
    public void Only_data_asks_which_database_engine_it_runs_on()
    {
        var outsideData = ProductSources().Where(p => !Relative(p).StartsWith(DataFolder, StringComparison.Ordinal));

        AssertOnlyTheExceptions(Breaches(Read(outsideData), EngineCheck()), EngineCheckAllowed);
    }

    [Fact]
    public void No_source_file_is_over_the_line_budget()
    {
        var over = ProductSources()
            .Select(p => (Path: Relative(p), Lines: File.ReadLines(p).Count()))
            .Where(f => f.Lines > LineBudget)
            .ToDictionary(f => f.Path, f => f.Lines);

        Assert.Empty(over.Where(f => !OverBudget.ContainsKey(f.Key)).Select(f => $"{f.Key}: {f.Value} lines"));
        var stale = OverBudget.Keys.Where(path => !over.ContainsKey(path)).ToList();
        Assert.Empty(stale);
    }

    /// <summary>Each project file with the packages it references, its own and (test projects) those tests/Directory.Build.props adds.</summary>
    private static IEnumerable<(string Project, string Package)> References()
    {
        static IEnumerable<string> PackagesOf(string file) =>
            XDocument.Load(file).Descendants("PackageReference").Select(r => (string?)r.Attribute("Include") ?? "");

        var shared = PackagesOf(Path.Combine(Root, "tests", "Directory.Build.props")).ToList();
        foreach (var project in FilesUnder("src", ".csproj").Concat(FilesUnder("tests", ".csproj")))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            // The condition of tests/Directory.Build.props: every test project but the support library and the harness.
            var isXunitProject = Relative(project).StartsWith("tests", StringComparison.Ordinal)
                                 && name is not "MarketContext.TestSupport" and not "MarketContext.Benchmarks";
            foreach (var package in PackagesOf(project).Concat(isXunitProject ? shared : []))
            {
                yield return (project, package);
            }
        }
    }

    internal static bool Uses(string package, string code) =>
        RuntimeOnlyPackages.Contains(package)
        || Regex.IsMatch(code, UseEvidence.TryGetValue(package, out var evidence) ? evidence : $@"\b{Regex.Escape(package)}[.;]");

    [Fact]
    public void Every_referenced_package_is_used_by_its_project()
    {
        var references = References().ToList();
        var unused = references
            .GroupBy(r => r.Project)
            .SelectMany(project =>
            {
                var folder = Path.GetDirectoryName(project.Key)!;
                var code = string.Join('\n', Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                    .Where(p => !IsBuildOutput(Path.GetRelativePath(folder, p)) && (p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".cshtml", StringComparison.Ordinal)))
                    .Select(File.ReadAllText));
                return project.Where(r => !Uses(r.Package, code)).Select(r => $"{Relative(r.Project)}: {r.Package}");
            })
            .ToList();

        Assert.Contains(references, r => r.Package == "xunit");
        Assert.Empty(unused);
    }

    [Fact]
    public void The_rules_catch_what_they_forbid()
    {
        (string, string)[] files =
        [
            ("a.cs", "const string Sql = \"\"\"\n    SELECT * from prices\n    \"\"\";"),
            ("b.cs", "var sql = \"select p.* from prices p\";\nvar n = \"select count(*) from prices\";"),
            ("c.cs", "if (connection is NpgsqlConnection npgsql) { }"),
            ("d.cs", "var postgres = db.Dialect == SqlDialect.Postgres;\nvar also = db.Dialect.IsPostgres;"),
            ("e.cs", "var writer = (NpgsqlConnection)connection;\nvar fine = new NpgsqlConnection(text);"),
        ];

        Assert.Equal(["a.cs:2: SELECT * from prices", "b.cs:1: var sql = \"select p.* from prices p\";"], Breaches(files, SelectStar()));
        Assert.Equal(["c.cs:1", "d.cs:1", "d.cs:2", "e.cs:1"], Breaches(files, EngineCheck()).Select(b => string.Join(':', b.Split(':').Take(2))));
        Assert.True(Uses("Npgsql", "using Npgsql;"));
        Assert.False(Uses("Npgsql", "using Dapper;"));
        Assert.False(Uses("Microsoft.AspNetCore.SignalR.Client", "using Microsoft.AspNetCore.SignalR;"));
        Assert.True(Uses("Microsoft.NET.Test.Sdk", ""));
    }
}
