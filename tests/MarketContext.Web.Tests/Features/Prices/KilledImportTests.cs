using System.Diagnostics;
using System.Globalization;
using System.Text;
using MarketContext.TestSupport;
using Microsoft.Data.Sqlite;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>
/// One file is one transaction: the import verb runs as a child process on a large file and is killed
/// (SIGKILL, no chance to clean up) while it is writing; the database must still be whole and hold no row of that file.
/// </summary>
public sealed class KilledImportTests : IDisposable
{
    private const int Rows = 1_500_000;
    private const long WalGrowthBeforeKill = 8L * 1024 * 1024;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string WebDll => Path.Combine(AppContext.BaseDirectory, "MarketContext.Web.dll");

    private Process StartImport(string database, string file)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder.Path };
        start.ArgumentList.Add(WebDll);
        start.ArgumentList.Add("import");
        start.ArgumentList.Add(file);
        // SIGKILL in the middle of SQLite's WAL: this test is about the SQLite file, in both test runs.
        start.Environment["MarketContext__Provider"] = "sqlite";
        start.Environment["MarketContext__Database"] = database;
        start.Environment["MarketContext__PricesDirectory"] = _folder.Combine("no-prices");
        start.Environment["MarketContext__MarketsDirectory"] = "";
        start.Environment["HOME"] = _folder.Path;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void WriteYahoo(string path, int rows, double start)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write(PriceFixtures.YahooHeader);
        var day = new DateOnly(1900, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            var close = start + (i % 1000) * 0.01;
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"\n{day.AddDays(i):yyyy-MM-dd},{close:F4},{close + 0.1:F4},{close - 0.1:F4},{close:F4},{close * 0.9:F4},{1000 + i}"));
        }
    }

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Killing_the_import_mid_file_leaves_the_database_whole_and_without_a_row_of_that_file()
    {
        var database = _folder.Combine("db", "killed.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        // A series stored before, which the killed import must not disturb.
        var small = _folder.Combine("KEEP.csv");
        File.WriteAllText(small, PriceFixtures.Yahoo(10, 0.1));
        using (var first = StartImport(database, small))
        {
            await first.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(0, first.ExitCode);
        }
        var big = _folder.Combine("KILL.csv");
        WriteYahoo(big, Rows, 50);

        var wal = database + "-wal";
        var killedWhileWriting = false;
        using (var import = StartImport(database, big))
        {
            var deadline = Stopwatch.StartNew();
            while (!import.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                // The open transaction's pages spill into the WAL as the rows go in: proof that it is mid-file.
                if (File.Exists(wal) && new FileInfo(wal).Length > WalGrowthBeforeKill)
                {
                    import.Kill(entireProcessTree: true);
                    killedWhileWriting = true;
                    break;
                }
                await Task.Delay(5);
            }
            await import.WaitForExitAsync();
            Assert.True(killedWhileWriting, $"The import finished (exit {(import.HasExited ? import.ExitCode : -1)}) before it could be killed mid-file; make the file larger.");
            Assert.NotEqual(0, import.ExitCode);
        }

        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        Assert.Equal("ok", Scalar<string>(connection, "pragma integrity_check"));
        Assert.Equal(0L, Scalar<long>(connection, "select count(*) from prices where symbol = 'KILL'"));
        Assert.Equal(0L, Scalar<long>(connection, "select count(*) from instruments where symbol = 'KILL'"));
        Assert.Equal((long)PriceFixtures.Rows, Scalar<long>(connection, "select count(*) from prices where symbol = 'KEEP'"));
    }
}
