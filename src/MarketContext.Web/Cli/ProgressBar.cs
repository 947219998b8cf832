using System.Globalization;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Web.Cli;

/// <summary>
/// One line redrawn in place (<c>\r</c>) while a file imports: how much of it is read and how many rows are stored.
/// Drawn only on a terminal; a redirected output gets the report alone.
/// </summary>
public sealed class ProgressBar(TextWriter output, string label, TimeProvider clock) : IProgress<ImportProgress>
{
    private const int Width = 30;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(0.1);
    private long? _last;
    private int _drawn;

    public void Report(ImportProgress value)
    {
        var now = clock.GetTimestamp();
        var done = value.TotalBytes is { } total && value.Bytes >= total;
        if (!done && _last is { } last && clock.GetElapsedTime(last, now) < Interval)
        {
            return;
        }
        _last = now;
        Draw(value);
    }

    public void Draw(ImportProgress value)
    {
        var fraction = value.TotalBytes is > 0 and var total ? Math.Clamp(value.Bytes / (double)total, 0, 1) : 0;
        var filled = (int)Math.Round(fraction * Width);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{label} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,3:0}% {value.Rows:N0} rows");
        output.Write("\r" + text.PadRight(_drawn));
        output.Flush();
        _drawn = text.Length;
    }

    /// <summary>Wipes the bar so that the report starts on a clean line.</summary>
    public void Clear()
    {
        if (_drawn > 0)
        {
            output.Write("\r" + new string(' ', _drawn) + "\r");
            output.Flush();
            _drawn = 0;
        }
    }
}
