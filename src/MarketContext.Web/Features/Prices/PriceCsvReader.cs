using System.Text;
using MarketContext.Web.Features.Prices.Reading;

namespace MarketContext.Web.Features.Prices;

public sealed record PriceFile(string Format, IReadOnlyList<PriceBar> Bars, IReadOnlyList<ImportMessage> Warnings, int WarningCount, IReadOnlyList<ImportMessage> Errors, int ErrorCount)
{
    /// <summary>What the reader decided about the file and from what.</summary>
    public ImportEvidence Evidence { get; init; } = ImportEvidence.Unknown;

    public bool IsTrusted => ErrorCount == 0;

    /// <summary>What a refusal reports: the format and the findings, no bars.</summary>
    public static PriceFile Refused(string format, ImportFindings findings) =>
        new(format, [], findings.Warnings, findings.WarningCount, findings.Errors, findings.ErrorCount);

    public static PriceFile Refused(IBarSource reader) =>
        new(reader.Format, [], reader.Findings.Warnings, reader.Findings.WarningCount, reader.Findings.Errors, reader.Findings.ErrorCount) { Evidence = reader.Evidence };
}

/// <summary>
/// Reads a whole daily price file in the common download formats, recognised by their header:
/// Yahoo Finance, Stooq, Nasdaq.com, Investing.com and the others <see cref="HeaderMapping"/> names, and any file with a date and a close column.
/// Pure: text in, bars (ascending by date) and line-numbered findings out. The importer streams through
/// <see cref="PriceRowReader"/> instead, so that a large file is never held in memory.
/// </summary>
public static class PriceCsvReader
{
    public const int MaxListedMessages = 100;

    public static PriceFile Read(Stream stream, ImportOverrides? overrides = null)
    {
        var reader = PriceRowReader.Open(stream, overrides);
        var bars = new List<PriceBar>();
        while (reader.TryRead(out var bar))
        {
            bars.Add(bar);
        }
        if (reader.HasErrors)
        {
            return PriceFile.Refused(reader);
        }
        bars.Sort((a, b) => a.Date.CompareTo(b.Date));
        var findings = reader.Findings;
        return new PriceFile(reader.Format, bars, findings.Warnings, findings.WarningCount, findings.Errors, findings.ErrorCount) { Evidence = reader.Evidence };
    }

    public static PriceFile Read(TextReader reader) => Read(new MemoryStream(Encoding.UTF8.GetBytes(reader.ReadToEnd())));
}
