using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>What a row needs from the sniffer: the delimiter, the columns, their number formats, the date order.</summary>
public sealed record RowPlan(byte Delimiter, int[] Columns, NumberFormat[] Formats, DateOrder DateOrder, string DateFormat, int Width)
{
    public static RowPlan Of(SniffPlan plan) =>
        new(plan.Delimiter, plan.Columns.Indices, plan.NumberFormats, plan.DateOrder, plan.DateFormat, plan.Columns.Width);
}

public enum RowOutcome { Bar, Skipped, Error, NotARow }

/// <summary>
/// The last stage: one data line to one bar. The date and the close are strict (an error refuses the file);
/// open, high, low, adjusted close and volume are not needed to trust the series, so a value that cannot be
/// used is stored empty with a warning on its line. Pure: a line in, a bar or findings out.
/// </summary>
public static class RowRules
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RowOutcome Read(ReadOnlySpan<byte> line, int lineNumber, RowPlan plan, Span<(int Start, int Length)> fields, ImportFindings findings, out PriceBar? bar, out bool shortRow)
    {
        bar = null;
        var count = Fields.Split(line, plan.Delimiter, fields);
        shortRow = count < plan.Width;
        var dateIndex = plan.Columns[(int)PriceColumn.Date];
        var dateText = dateIndex < count ? Fields.Unquote(Field(line, fields, dateIndex)) : default;
        if (!DateParser.TryParse(dateText, plan.DateOrder, out var date))
        {
            // A shorter line without a date may be a footer ("Downloaded from …"); the reader decides once it knows what follows.
            if (count < plan.Width)
            {
                return RowOutcome.NotARow;
            }
            findings.Error(lineNumber, $"\"{Text(dateText, 40)}\" is not a date (this file's dates are {plan.DateFormat}).");
            return RowOutcome.Error;
        }
        if (date < PriceBar.EarliestDate)
        {
            findings.Error(lineNumber, $"{date:yyyy-MM-dd} is before the year 100; no price is that old.");
            return RowOutcome.Error;
        }
        var closeIndex = plan.Columns[(int)PriceColumn.Close];
        if (closeIndex >= count)
        {
            findings.Error(lineNumber, $"Expected {plan.Width} fields but found {count}: the row has no close.");
            return RowOutcome.Error;
        }
        var closeText = Fields.Unquote(Field(line, fields, closeIndex));
        var outcome = NumberParser.Parse(closeText, plan.Formats[(int)PriceColumn.Close], allowSuffix: false, out var close);
        switch (outcome)
        {
            case NumberOutcome.Empty:
                // Yahoo writes whole rows of "null" for days it has no quote for.
                findings.Warn(lineNumber, $"{date:yyyy-MM-dd} has no close price; row skipped.");
                return RowOutcome.Skipped;
            case NumberOutcome.Invalid:
                findings.Error(lineNumber, $"Close \"{Text(closeText, 40)}\" is not a number{Expected(plan.Formats[(int)PriceColumn.Close])}.");
                return RowOutcome.Error;
            case NumberOutcome.Ambiguous:
                findings.Error(lineNumber, Ambiguous("Close", closeText));
                return RowOutcome.Error;
        }
        if (close <= 0)
        {
            findings.Error(lineNumber, $"Close {close.ToString(CultureInfo.InvariantCulture)} is not a positive price.");
            return RowOutcome.Error;
        }
        bar = new PriceBar(date,
            Price(line, fields, count, plan, PriceColumn.Open, lineNumber, findings),
            Price(line, fields, count, plan, PriceColumn.High, lineNumber, findings),
            Price(line, fields, count, plan, PriceColumn.Low, lineNumber, findings),
            close,
            Price(line, fields, count, plan, PriceColumn.AdjClose, lineNumber, findings),
            Volume(line, fields, count, plan, lineNumber, findings));
        return RowOutcome.Bar;
    }

    /// <summary>Open, high, low or adjusted close; unusable (not a number, zero, negative) is empty with a warning.</summary>
    private static double? Price(ReadOnlySpan<byte> line, Span<(int Start, int Length)> fields, int count, RowPlan plan, PriceColumn column, int lineNumber, ImportFindings findings)
    {
        var index = plan.Columns[(int)column];
        if (index < 0 || index >= count)
        {
            return null;
        }
        var text = Fields.Unquote(Field(line, fields, index));
        switch (NumberParser.Parse(text, plan.Formats[(int)column], allowSuffix: false, out var value))
        {
            case NumberOutcome.Number when value > 0:
                return value;
            case NumberOutcome.Number:
                // Yahoo publishes zero opens and below-zero adjusted closes for 1980s rows; keep the close, drop the field.
                findings.Warn(lineNumber, $"{Name(column)} {value.ToString(CultureInfo.InvariantCulture)} is not a usable price; stored as empty.");
                return null;
            case NumberOutcome.Empty:
                return null;
            case NumberOutcome.Ambiguous:
                findings.Warn(lineNumber, Ambiguous(Name(column), text) + " Stored as empty.");
                return null;
            default:
                findings.Warn(lineNumber, $"{Name(column)} \"{Text(text, 40)}\" is not a number{Expected(plan.Formats[(int)column])}; stored as empty.");
                return null;
        }
    }

    /// <summary>Volume: suffixes (<c>224.60M</c>) and thousands separators allowed, float noise (<c>8130000.000000001</c>) rounded away.</summary>
    private static long? Volume(ReadOnlySpan<byte> line, Span<(int Start, int Length)> fields, int count, RowPlan plan, int lineNumber, ImportFindings findings)
    {
        var index = plan.Columns[(int)PriceColumn.Volume];
        if (index < 0 || index >= count)
        {
            return null;
        }
        var text = Fields.Unquote(Field(line, fields, index));
        var outcome = NumberParser.Parse(text, plan.Formats[(int)PriceColumn.Volume], allowSuffix: true, out var value);
        if (outcome == NumberOutcome.Empty)
        {
            return null;
        }
        if (outcome == NumberOutcome.Number)
        {
            return WholeVolume(value, lineNumber, findings);
        }
        findings.Warn(lineNumber, outcome == NumberOutcome.Ambiguous
            ? Ambiguous("Volume", text) + " Stored as empty."
            : $"Volume \"{Text(text, 40)}\" is not a number{Expected(plan.Formats[(int)PriceColumn.Volume])}; stored as empty.");
        return null;
    }

    private static string Ambiguous(string column, ReadOnlySpan<byte> text) =>
        $"{column} \"{Text(text, 40)}\" could be read two ways (a decimal or a thousands separator) and the file never shows which; choose with decimal=. or decimal=, (--decimal).";

    private static string Expected(NumberFormat format) =>
        $" (this column writes decimals with '{format.DecimalName}'" + (format.FromEvidence ? $" and thousands with '{format.GroupName}')" : ")");

    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, Span<(int Start, int Length)> fields, int index) =>
        line.Slice(fields[index].Start, fields[index].Length);

    public static string Name(PriceColumn column) => column switch
    {
        PriceColumn.AdjClose => "Adj Close",
        _ => column.ToString(),
    };

    public static string Text(ReadOnlySpan<byte> bytes, int length)
    {
        var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, length * 4)]);
        return text.Length <= length ? text : text[..length] + "…";
    }

    /// <summary>A volume as a whole number of shares, or empty with a warning when it cannot be one; the same rule for every source.</summary>
    internal static long? WholeVolume(double value, int lineNumber, ImportFindings findings)
    {
        var whole = Math.Round(value, MidpointRounding.AwayFromZero);
        if (value < 0 || whole >= long.MaxValue)
        {
            findings.Warn(lineNumber, $"Volume {value.ToString(CultureInfo.InvariantCulture)} is not a non-negative number of shares; stored as empty.");
            return null;
        }
        // Float noise (8130000.000000001) is no fraction; a real one (an index's computed volume) is rounded and said.
        if (Math.Abs(value - whole) > Math.Max(1e-6, value * 1e-12))
        {
            findings.Warn(lineNumber, $"Volume {value.ToString(CultureInfo.InvariantCulture)} is not a whole number; stored rounded to {whole.ToString(CultureInfo.InvariantCulture)}.");
        }
        return (long)whole;
    }
}
