using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MarketContext.Tests.Build;

/// <summary>
/// Every package version is pinned in Directory.Packages.props, exactly; and Microsoft's packages of one release
/// train (Microsoft.AspNetCore.*, Microsoft.Extensions.*, Microsoft.Data.* with the same major.minor) sit on one
/// patch, so the app never mixes, say, 10.0.11 and 10.0.12 assemblies.
/// </summary>
public sealed partial class PackageVersionsTests
{
    private static readonly string Root = FindRoot();

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

    private static List<(string Id, string Version)> PinnedVersions() =>
    [
        .. XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Select(p => ((string?)p.Attribute("Include") ?? "", (string?)p.Attribute("Version") ?? "")),
    ];

    [GeneratedRegex(@"^\d+\.\d+\.\d+(\.\d+)?(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex ExactVersion();

    internal static IEnumerable<string> FloatingVersions(IEnumerable<(string Id, string Version)> pins) =>
        pins.Where(p => !ExactVersion().IsMatch(p.Version)).Select(p => $"{p.Id} {p.Version}");

    internal static IEnumerable<string> MixedPatches(IEnumerable<(string Id, string Version)> pins) =>
        pins.Where(p => p.Id.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)
                        || p.Id.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                        || p.Id.StartsWith("Microsoft.Data.", StringComparison.Ordinal))
            .GroupBy(p => string.Join('.', p.Version.Split('.').Take(2)))
            .Where(train => train.Select(p => p.Version).Distinct().Count() > 1)
            .Select(train => $"{train.Key}: {string.Join(", ", train.Select(p => $"{p.Id} {p.Version}"))}");

    [Fact]
    public void Every_package_is_pinned_to_one_exact_version()
    {
        var pins = PinnedVersions();

        Assert.Contains(pins, p => p.Id == "Microsoft.AspNetCore.Mvc.Testing");
        Assert.Empty(FloatingVersions(pins));
        Assert.Equal(pins.Count, pins.Select(p => p.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Microsoft_packages_of_one_release_train_are_on_one_patch()
    {
        Assert.Empty(MixedPatches(PinnedVersions()));
    }

    [Fact]
    public void No_project_overrides_the_central_versions()
    {
        var overrides = Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => XDocument.Load(path).Descendants("PackageReference")
                .Where(r => r.Attribute("Version") is not null || r.Attribute("VersionOverride") is not null)
                .Select(r => $"{Path.GetFileName(path)}: {(string?)r.Attribute("Include")}"))
            .ToList();

        Assert.NotEmpty(Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories));
        Assert.Empty(overrides);
    }

    [Fact]
    public void The_checks_catch_floating_and_unaligned_versions()
    {
        (string, string)[] drifted =
        [
            ("Microsoft.AspNetCore.Mvc.Testing", "10.0.11"),
            ("Microsoft.AspNetCore.SignalR.Client", "10.0.12"),
            ("Microsoft.Extensions.Http.Resilience", "10.11.0"),
            ("Npgsql", "10.*"),
            ("Dapper", "[2.1,3.0)"),
            ("Sep", "0.17.1"),
        ];

        Assert.Equal(["Npgsql 10.*", "Dapper [2.1,3.0)"], FloatingVersions(drifted));
        var mixed = Assert.Single(MixedPatches(drifted));
        Assert.StartsWith("10.0:", mixed, StringComparison.Ordinal);
    }
}
