namespace MarketContext.Web.Tests.Features.Prices.Corpus;

/// <summary>
/// The corpus of real price files, read in place from <c>MarketContext__CorpusDirectory</c> (default
/// <c>../shared/data/corpus/real</c> beside the repository); the files are never copied into the repository.
/// </summary>
public static class CorpusFolder
{
    private const string Variable = "MarketContext__CorpusDirectory";

    public static string Path()
    {
        var folder = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !System.IO.File.Exists(System.IO.Path.Combine(root.FullName, "MarketContext.sln")))
            {
                root = root.Parent;
            }
            Assert.NotNull(root);
            ArgumentNullException.ThrowIfNull(root);
            folder = System.IO.Path.GetFullPath(System.IO.Path.Combine(root.FullName, "..", "shared", "data", "corpus", "real"));
        }
        Assert.True(Directory.Exists(folder), $"{Variable}={folder} does not exist: set it to the folder of the 32 real price files.");
        Assert.Equal(32, Directory.GetFiles(folder, "*.csv").Length);
        return folder;
    }

    public static string File(string name) => System.IO.Path.Combine(Path(), name);
}
