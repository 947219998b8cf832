using System.Globalization;
using System.Text;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.EventStudy.Aggregate;

/// <summary>The numbers of an aggregate study as one long table: a row per sample, day (or the whole window) and test.</summary>
public static class AggregateCsv
{
    public static string Write(AggregateResponse response)
    {
        var csv = new StringBuilder("sample,n,day,aar,caar,test,statistic,p_value\n");
        foreach (var sample in response.Samples)
        {
            foreach (var day in sample.Days)
            {
                foreach (var (name, test) in day.Tests)
                {
                    Row(csv, sample.Name, sample.N, day.Day.ToString(CultureInfo.InvariantCulture), Number(day.Aar), Number(day.Caar), name, test.Statistic, test.PValue);
                }
            }
            foreach (var (name, test) in sample.CarTests)
            {
                Row(csv, sample.Name, sample.N, $"{-response.Pre}..{response.Post}", "", Number(sample.Caar), name, test.Statistic, test.PValue);
            }
        }
        return csv.ToString();
    }

    /// <summary>The members with their CARs and flags, one row per sample and member.</summary>
    public static string Members(AggregateResponse response)
    {
        var csv = new StringBuilder("sample,symbol,event_id,date,day0,car,flags\n");
        foreach (var sample in response.Samples)
        {
            foreach (var m in sample.Members)
            {
                csv.AppendJoin(',', [
                    Cell(sample.Name), Cell(m.Symbol), Cell(m.EventId ?? ""), Cell(Date(m.Date)), Cell(Date(m.Day0)), Cell(Number(m.Car)),
                    Cell(string.Join(' ', m.Flags.Select(f => $"{f.Kind}:{f.EventId ?? Date(f.Date)}")))]).Append('\n');
            }
            foreach (var l in sample.LeftOut)
            {
                csv.AppendJoin(',', [Cell(sample.Name), Cell(l.Symbol), Cell(l.EventId ?? ""), Cell(l.Date is { } d ? Date(d) : ""), "", "", Cell("left out: " + l.Reason)]).Append('\n');
            }
        }
        return csv.ToString();
    }

    private static string Cell(string value) => CsvCells.Escape(value);

    private static void Row(StringBuilder csv, string sample, int n, string day, string aar, string caar, string test, double? statistic, double? p) =>
        csv.AppendJoin(',', [Cell(sample), n.ToString(CultureInfo.InvariantCulture), Cell(day), aar, caar, Cell(test), Number(statistic), Number(p)]).Append('\n');

    private static string Number(double? value) => value?.ToString("0.##########", CultureInfo.InvariantCulture) ?? "";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
