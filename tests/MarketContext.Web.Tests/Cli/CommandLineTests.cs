using MarketContext.TestSupport;
using MarketContext.Web.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Cli;

public sealed class CommandLineTests(AppFixture app) : IClassFixture<AppFixture>
{
    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => RunWithInputAsync("", args);

    private async Task<(int Code, string Output, string Error)> RunWithInputAsync(string input, params string[] args)
    {
        using var stdin = new StringReader(input);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, app.Factory.Services, stdin, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_user_added_on_the_command_line_can_write_with_the_token_it_is_given()
    {
        var (added, addOutput, _) = await RunWithInputAsync("correct horse battery\n", "users", "add", "cli-alice", "--role", "editor", "--password-stdin");
        var (created, tokenOutput, _) = await RunAsync("tokens", "create", "--user", "cli-alice");

        Assert.Equal(0, added);
        Assert.Contains("cli-alice (editor)", addOutput);
        Assert.Equal(0, created);
        var token = tokenOutput.Trim().Split('\n')[^1].Trim();
        using var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var me = await client.GetJsonAsync("/api/me");
        Assert.Equal("cli-alice", me.Str("name"));
        Assert.Equal("editor", me.Str("role"));
        Assert.True(me.GetProperty("canWrite").GetBoolean());
    }

    [Fact]
    public async Task A_short_password_or_a_duplicate_name_is_refused()
    {
        var (shortCode, _, shortError) = await RunWithInputAsync("short\n", "users", "add", "cli-bob", "--role", "viewer");
        await RunWithInputAsync("long enough password\n", "users", "add", "cli-carol", "--role", "viewer");
        var (duplicateCode, _, duplicateError) = await RunWithInputAsync("another long password\n", "users", "add", "cli-carol", "--role", "admin");

        Assert.Equal(1, shortCode);
        Assert.Contains("at least 8 characters", shortError);
        Assert.Equal(1, duplicateCode);
        Assert.Contains("already a user named", duplicateError);
    }

    [Fact]
    public async Task A_token_for_an_unknown_user_is_refused()
    {
        var (code, output, error) = await RunAsync("tokens", "create", "--user", "nobody-here");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("no user named", error);
    }

    private string WriteFile(string name, string text)
    {
        var path = app.Folder.Combine(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<Dictionary<string, int>> SeriesAsync() =>
        (await app.Client.GetJsonAsync("/api/series")).EnumerateArray().ToDictionary(s => s.Str("symbol")!, s => s.GetProperty("count").GetInt32());

    [Fact]
    public void Import_is_a_verb()
    {
        Assert.True(CommandLine.IsVerb(["import", "x.csv"]));
        Assert.False(CommandLine.IsVerb(["--urls", "http://127.0.0.1:5000"]));
        Assert.False(CommandLine.IsVerb([]));
    }

    [Fact]
    public async Task Good_file_is_imported_and_its_report_printed()
    {
        var path = WriteFile("cli/CLIA.csv", PriceFixtures.Yahoo(10, 0.1, rows: 7, quirkyFirstRow: true));

        var (code, output, error) = await RunAsync("import", path);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("CLIA", output, StringComparison.Ordinal);
        Assert.Contains("yahoo", output, StringComparison.Ordinal);
        Assert.Contains("inserted 7", output, StringComparison.Ordinal);
        // The first row's zero open and negative adjusted close are on line 2.
        Assert.Contains("line 2", output, StringComparison.Ordinal);
        Assert.Equal(7, (await SeriesAsync())["CLIA"]);
    }

    [Fact]
    public async Task Symbol_option_names_the_series_instead_of_the_file()
    {
        var path = WriteFile("cli/download (3).csv", PriceFixtures.Yahoo(10, 0.1, rows: 4));

        var (code, _, _) = await RunAsync("import", path, "--symbol", "CLIB");

        Assert.Equal(0, code);
        Assert.Equal(4, (await SeriesAsync())["CLIB"]);
    }

    [Fact]
    public async Task Importing_again_reports_nothing_new()
    {
        var path = WriteFile("cli/CLIC.csv", PriceFixtures.Yahoo(10, 0.1, rows: 4));
        Assert.Equal(0, (await RunAsync("import", path)).Code);

        var (code, output, _) = await RunAsync("import", path);

        Assert.Equal(0, code);
        Assert.Contains("inserted 0, updated 0, unchanged 4", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_file_exits_1_naming_the_line_and_stores_nothing()
    {
        var path = WriteFile("cli/CLID.csv", $"{PriceFixtures.YahooHeader}\n2020-03-02,1,2,0.5,1.5,1.4,10\n2020-03-03,1,2,0.5,oops,1.4,10\n");

        var (code, _, error) = await RunAsync("import", path);

        Assert.Equal(1, code);
        Assert.Contains("line 3", error, StringComparison.Ordinal);
        Assert.DoesNotContain("CLID", (await SeriesAsync()).Keys);
    }

    [Fact]
    public async Task Folder_import_takes_every_symbol_file_in_it()
    {
        var folder = app.Folder.CreateFolder("cli-folder");
        File.WriteAllText(Path.Combine(folder, "CLIE.csv"), PriceFixtures.Yahoo(10, 0.1, rows: 3));
        File.WriteAllText(Path.Combine(folder, "CLIF.csv"), PriceFixtures.Yahoo(20, 0.1, rows: 6));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not prices");

        var (code, output, error) = await RunAsync("import", folder);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("CLIE.csv", output, StringComparison.Ordinal);
        Assert.Contains("CLIF.csv", output, StringComparison.Ordinal);
        var series = await SeriesAsync();
        Assert.Equal(3, series["CLIE"]);
        Assert.Equal(6, series["CLIF"]);
    }

    [Fact]
    public async Task Folder_with_one_bad_file_exits_1_but_keeps_the_good_ones()
    {
        var folder = app.Folder.CreateFolder("cli-mixed");
        File.WriteAllText(Path.Combine(folder, "CLIG.csv"), PriceFixtures.Yahoo(10, 0.1, rows: 3));
        File.WriteAllText(Path.Combine(folder, "CLIH.csv"), "<html>error</html>");

        var (code, _, error) = await RunAsync("import", folder);

        Assert.Equal(1, code);
        Assert.Contains("CLIH.csv", error, StringComparison.Ordinal);
        var series = await SeriesAsync();
        Assert.Equal(3, series["CLIG"]);
        Assert.DoesNotContain("CLIH", series.Keys);
    }

    [Fact]
    public async Task Missing_path_exits_1()
    {
        var (code, _, error) = await RunAsync("import", app.Folder.Combine("nowhere.csv"));

        Assert.Equal(1, code);
        Assert.Contains("nowhere.csv", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_without_a_path_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("import");

        Assert.NotEqual(0, code);
        Assert.Contains("usage", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_on_the_tool_and_on_a_verb_exits_0_and_names_the_verbs_and_options()
    {
        var (toolCode, toolHelp, _) = await RunAsync("--help");
        var (verbCode, verbHelp, _) = await RunAsync("tokens", "create", "--help");

        Assert.Equal(0, toolCode);
        Assert.All(["import", "fetch", "users", "tokens", "migrate-to-postgres"], verb => Assert.Contains(verb, toolHelp, StringComparison.Ordinal));
        Assert.Equal(0, verbCode);
        Assert.Contains("--user", verbHelp, StringComparison.Ordinal);
        Assert.Contains("--expires-days", verbHelp, StringComparison.Ordinal);
        Assert.True(CommandLine.IsVerb(["--help"]));
        Assert.True(CommandLine.IsVerb(["--MarketContext:Database=x.db", "users", "list"]));
    }

    [Fact]
    public async Task Options_come_in_any_order_and_configuration_overrides_are_let_through()
    {
        var (added, _, addError) = await RunWithInputAsync("a long enough password\n", "users", "add", "--role", "viewer", "--MarketContext:Benchmark=QQQ", "cli-olga");
        var (listed, list, _) = await RunAsync("--MarketContext:Benchmark", "QQQ", "users", "list");

        Assert.True(added == 0, addError);
        Assert.Equal(0, listed);
        Assert.Contains(list.Split('\n'), line => line.StartsWith("cli-olga\tviewer\t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_role_or_an_unknown_option_is_a_usage_error_with_exit_code_2()
    {
        var (badRole, _, roleError) = await RunWithInputAsync("a long enough password\n", "users", "add", "cli-pia", "--role", "owner");
        var (unknown, _, unknownError) = await RunAsync("tokens", "list", "--colour");

        Assert.Equal(2, badRole);
        Assert.Contains("owner", roleError, StringComparison.Ordinal);
        Assert.Equal(2, unknown);
        Assert.Contains("--colour", unknownError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_role_passwd_remove_and_token_revocation_work_from_the_command_line_and_are_audited()
    {
        await RunWithInputAsync("a long enough password\n", "users", "add", "cli-quinn", "--role", "editor");
        var (_, created, _) = await RunAsync("tokens", "create", "--expires-days", "7", "--user", "cli-quinn");
        var token = created.Trim().Split('\n')[^1].Trim();
        var (_, tokenList, _) = await RunAsync("tokens", "list", "--user", "cli-quinn");
        var line = Assert.Single(tokenList.Trim().Split('\n'));
        var fields = line.Split('\t');
        Assert.Equal("cli-quinn", fields[1]);
        Assert.Equal(DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), fields[3]);

        var setRole = await RunAsync("users", "set-role", "cli-quinn", "--role", "viewer");
        var passwd = await RunWithInputAsync("another long password\n", "users", "passwd", "cli-quinn");
        var revoke = await RunAsync("tokens", "revoke", fields[0]);
        var revokeAgain = await RunAsync("tokens", "revoke", fields[0]);
        using var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await client.GetJsonAsync("/api/me");
        var remove = await RunAsync("users", "remove", "cli-quinn");
        var (_, users, _) = await RunAsync("users", "list");

        Assert.Equal(0, setRole.Code);
        Assert.Equal(0, passwd.Code);
        Assert.Equal(0, revoke.Code);
        Assert.Equal(1, revokeAgain.Code);
        Assert.Contains("revoked already", revokeAgain.Error, StringComparison.Ordinal);
        Assert.True(me.IsNull("name"));
        Assert.Equal(0, remove.Code);
        Assert.DoesNotContain("cli-quinn", users, StringComparison.Ordinal);
        var audit = await app.Factory.Services.GetRequiredService<MarketContext.Web.Features.Auth.AuditLog>().LatestAsync();
        Assert.Equal(["user removed", "token revoked", "password changed", "role set", "token created", "user added"],
            audit.Where(e => e.Target == "cli-quinn").Select(e => e.Action));
        Assert.All(audit.Where(e => e.Target == "cli-quinn"), e => Assert.StartsWith("command line", e.Actor, StringComparison.Ordinal));
    }
}
