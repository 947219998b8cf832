using System.Globalization;

namespace MarketContext.Web.Features.EventStudy;

public static class Significance
{
    /// <summary>The usual stars: *** below 1%, ** below 5%, * below 10%.</summary>
    public static string Stars(double p) => p switch
    {
        < 0.01 => "***",
        < 0.05 => "**",
        < 0.10 => "*",
        _ => "",
    };

    /// <summary>"= 0.043" or "&lt; 0.001": a p-value never prints as zero.</summary>
    public static string FormatP(double p) =>
        p < 0.001 ? "< 0.001" : "= " + p.ToString("0.000", CultureInfo.InvariantCulture);
}
