using System.Text;

namespace MarketContext.Web.Features.Prices;

public sealed record PriceFile(string Format, IReadOnlyList<PriceBar> Bars, IReadOnlyList<ImportMessage> Warnings, int WarningCount, IReadOnlyList<ImportMessage> Errors, int ErrorCount)
{
    public bool IsTrusted => ErrorCount == 0;

    /// <summary>What a refusal reports: the format and the findings, no bars.</summary>
    public static PriceFile Refused(string format, ImportFindings findings) =>
        new(format, [], findings.Warnings, findings.WarningCount, findings.Errors, findings.ErrorCount);
}

/// <summary>
/// Reads a whole daily price file in the common download formats, recognised by their header:
/// Yahoo Finance, Stooq, Nasdaq.com, and any file with a date and a close column.
/// Pure: text in, bars (ascending by date) and line-numbered findings out. The importer streams through
/// <see cref="PriceRowReader"/> instead, so that a large file is never held in memory.
/// </summary>
public static class PriceCsvReader
{
    public const int MaxListedMessages = 100;

    public static PriceFile Read(Stream stream)
    {
        var reader = PriceRowReader.Open(stream);
        var bars = new List<PriceBar>();
        while (reader.TryRead(out var bar))
        {
            bars.Add(bar);
        }
        if (reader.HasErrors)
        {
            return PriceFile.Refused(reader.Format, reader.Findings);
        }
        bars.Sort((a, b) => a.Date.CompareTo(b.Date));
        var findings = reader.Findings;
        return new PriceFile(reader.Format, bars, findings.Warnings, findings.WarningCount, findings.Errors, findings.ErrorCount);
    }

    public static PriceFile Read(TextReader reader) => Read(new MemoryStream(Encoding.UTF8.GetBytes(reader.ReadToEnd())));
}
