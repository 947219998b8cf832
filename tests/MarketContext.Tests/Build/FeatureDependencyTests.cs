using System.Text.RegularExpressions;

namespace MarketContext.Tests.Build;

/// <summary>
/// Feature folders depend one way: each may use only the features listed before it, so no two features lean on each
/// other. The shared folders (Data, Http, Rendering) use no feature at all. A reference is a using line or a fully
/// qualified name, i.e. any mention of <c>MarketContext.Web.Features.X</c> or <c>Features.X.</c> in a source file.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    /// <summary>From the bottom up; keep the README's "How it is built" section in step.</summary>
    public static readonly string[] Order = ["Auth", "Events", "Calendars", "Prices", "Annotations", "EventSets", "EventStudy", "Charts", "Publications", "Health", "Api"];

    private static readonly string[] SharedFolders = ["Data", "Http", "Rendering"];

    private static readonly string Web = Path.Combine(FindRoot(), "src", "MarketContext.Web");

    /// <summary>The web project's source folder.</summary>
    public static string WebFolder => Web;

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

    [GeneratedRegex(@"\bFeatures\.(?<feature>[A-Za-z]+)\b")]
    private static partial Regex FeatureReference();

    /// <summary>Every "file: feature" reference that breaks the order, for the given folder of the web project.</summary>
    internal static List<string> Violations(string folder, IReadOnlyCollection<string> allowed)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (var used in FeatureReference().Matches(text).Select(m => m.Groups["feature"].Value).Distinct())
            {
                // Other things are called Features too (HttpContext.Features): only a feature folder's name counts.
                if (Order.Contains(used) && !allowed.Contains(used))
                {
                    found.Add($"{Path.GetRelativePath(Web, file)}: {used}");
                }
            }
        }
        return found;
    }

    [Fact]
    public void Every_feature_folder_is_in_the_order()
    {
        var folders = Directory.GetDirectories(Path.Combine(Web, "Features")).Select(Path.GetFileName).Order();
        Assert.Equal(Order.Order(), folders);
    }

    [Fact]
    public void A_feature_uses_only_the_features_below_it()
    {
        var violations = Order.SelectMany((feature, level) =>
            Violations(Path.Combine(Web, "Features", feature), [.. Order.Take(level + 1)])).ToList();
        Assert.Empty(violations);
    }

    [Fact]
    public void Shared_folders_use_no_feature()
    {
        var violations = SharedFolders.SelectMany(folder => Violations(Path.Combine(Web, folder), [])).ToList();
        Assert.Empty(violations);
    }

    [Fact]
    public void The_rule_sees_a_reference_upwards()
    {
        var folder = Directory.CreateTempSubdirectory("feature-order-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Upwards.cs"), "using MarketContext.Web.Features.Charts;\nvar x = Features.Api.ApiOperations.All;\n");
            Assert.Equal(["Upwards.cs: Charts", "Upwards.cs: Api"], Violations(folder, ["Prices"]).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
