using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace MarketContext.Web.Http;

/// <summary>
/// The pages' import map: each module's plain address to its fingerprinted one, so that a module's
/// <c>import "./dom.js"</c> loads the same build as the page's entry script. The framework's map, made from the static
/// asset endpoints, names addresses relative to the page ("./js/dom.js"); here they are rooted ("/js/dom.js") so the map
/// means the same on a page at any depth. It is the only inline script a page runs: its SHA-256 goes into the page's
/// Content-Security-Policy.
/// </summary>
public static class ModuleImportMap
{
    private static readonly ConditionalWeakTable<ImportMapDefinition, RootedMap> Cache = new();

    /// <summary>The map for the page's endpoint, or null where the endpoint has no static assets (no map is written).</summary>
    public static ImportMapDefinition? For(HttpContext context) => RootedFor(context)?.Map;

    /// <summary>The CSP source that lets exactly this map run, e.g. <c>'sha256-…'</c>.</summary>
    public static string? ScriptSource(HttpContext context) => RootedFor(context)?.ScriptSource;

    private static RootedMap? RootedFor(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>() is { } framework ? Cache.GetValue(framework, Root) : null;

    private static RootedMap Root(ImportMapDefinition framework)
    {
        var map = new ImportMapDefinition(
            framework.Imports?.ToDictionary(i => Rooted(i.Key), i => Rooted(i.Value)),
            scopes: null,
            framework.Integrity?.ToDictionary(i => Rooted(i.Key), i => i.Value));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(map.ToString()));
        return new RootedMap(map, $"'sha256-{Convert.ToBase64String(hash)}'");
    }

    private static string Rooted(string address) => address.StartsWith("./", StringComparison.Ordinal) ? address[1..] : address;

    private sealed record RootedMap(ImportMapDefinition Map, string ScriptSource);
}
