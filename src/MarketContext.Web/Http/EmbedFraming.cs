using System.Text.RegularExpressions;

namespace MarketContext.Web.Http;

/// <summary>What decides which other sites may show the embeds in a frame (<c>MarketContext:Embed</c>).</summary>
public sealed class EmbedOptions
{
    /// <summary>
    /// The sites that may frame the embeds, as CSP's <c>frame-ancestors</c> names them: <c>'self'</c>, origins such as
    /// <c>https://news.example.org</c> or <c>https://*.example.org</c> (space-separated), or <c>*</c> for any site.
    /// </summary>
    public string FrameAncestors { get; set; } = "'self'";
}

/// <summary>
/// The embed routes (<c>/embed/…</c>) may be framed by the sites the setting names; every other page refuses every
/// frame, as before. The setting goes into a response header, so it is read strictly: each entry is <c>'self'</c>,
/// <c>*</c> or a scheme with a host (a leading <c>*.</c> allowed) and an optional port; anything else (a path, a
/// quote, a semicolon, a comma) stops the start naming the entry.
/// </summary>
public static partial class EmbedFraming
{
    public const string Setting = "MarketContext:Embed:FrameAncestors";

    /// <summary>Pages under this path are the embeds.</summary>
    public static readonly PathString Path = "/embed";

    [GeneratedRegex(@"^(?:'self'|\*|https?://(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::(?:\*|[0-9]{1,5}))?)\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Source();

    /// <summary>The <c>frame-ancestors</c> sources of a setting, one space between them; throws naming a bad entry.</summary>
    public static string Parse(string? setting)
    {
        var entries = (setting ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0)
        {
            throw new InvalidOperationException($"{Setting} is empty: give 'self', origins such as https://news.example.org (space-separated), or *.");
        }
        foreach (var entry in entries)
        {
            if (!Source().IsMatch(entry) || (entry.Contains("://", StringComparison.Ordinal) && !PortInRange(entry)))
            {
                throw new InvalidOperationException(
                    $"{Setting}: \"{entry}\" is not an origin; give 'self', origins such as https://news.example.org or https://*.example.org:8443 (space-separated, no path), or *.");
            }
        }
        return string.Join(' ', entries);
    }

    /// <summary>The policy's last directive on an embed: the sites named; elsewhere: none.</summary>
    public static string FrameAncestors(HttpContext context, string embedSources) =>
        context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase) ? embedSources : "'none'";

    private static bool PortInRange(string origin)
    {
        var afterHost = origin[(origin.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var colon = afterHost.LastIndexOf(':');
        return colon < 0 || afterHost[(colon + 1)..] == "*" || int.Parse(afterHost[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 65535;
    }
}
