using System.Diagnostics;

namespace MarketContext.Web.Telemetry;

/// <summary>
/// The product's spans: one per database call, named by the method that makes it, and those of an annotation's
/// broadcast. No span carries a statement's parameters, a user's text, a password, a token or a cookie.
/// </summary>
public static class MarketContextTracing
{
    public const string SourceName = "MarketContext";

    public static readonly ActivitySource Source = new(SourceName);
}
