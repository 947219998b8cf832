using ScottPlot;
using ScottPlot.Plottables;

namespace MarketContext.Web.Rendering;

/// <summary>Light pictures on white, or dark ones on the dark page's panel colour.</summary>
public enum ChartTheme { Light, Dark }

/// <summary>
/// Turns a drawn plot dark: every colour the renderers draw with (<see cref="ChartColors"/>, the event categories, the
/// axes' greys) becomes its dark counterpart from <see cref="ChartColors.Dark"/>, keeping its opacity. One pass after
/// drawing, so the page, the PNG and the SVG of a view come from the same renderer in either theme.
/// </summary>
public static class ChartThemes
{
    public static void Apply(Plot plot, ChartTheme theme)
    {
        if (theme == ChartTheme.Light)
        {
            return;
        }
        var background = Color.FromHex(ChartColors.DarkBackground);
        plot.FigureBackground.Color = background;
        plot.DataBackground.Color = background;
        plot.Axes.Color(Color.FromHex(ChartColors.DarkInk));
        plot.Grid.MajorLineColor = Color.FromHex(ChartColors.DarkInk).WithAlpha(0.12);
        plot.Axes.Bottom.Label.ForeColor = Dark(plot.Axes.Bottom.Label.ForeColor);
        plot.Axes.Title.Label.ForeColor = Color.FromHex(ChartColors.DarkInk);
        plot.Legend.BackgroundColor = background.WithAlpha(0.85);
        plot.Legend.FontColor = Color.FromHex(ChartColors.DarkInk);
        plot.Legend.OutlineColor = Color.FromHex(ChartColors.DarkInk).WithAlpha(0.4);
        foreach (var item in plot.Legend.ManualItems)
        {
            item.FillColor = Dark(item.FillColor);
            item.LineColor = Dark(item.LineColor);
        }
        foreach (var plottable in plot.GetPlottables())
        {
            switch (plottable)
            {
                case Scatter scatter:
                    scatter.Color = Dark(scatter.Color);
                    break;
                case AxisLine line:
                    line.Color = Dark(line.Color);
                    line.LabelBackgroundColor = Dark(line.LabelBackgroundColor);
                    line.LabelFontColor = Dark(line.LabelFontColor);
                    break;
                case FillY fill:
                    fill.FillColor = Dark(fill.FillColor);
                    fill.LineColor = Dark(fill.LineColor);
                    break;
                case BarPlot bars:
                    foreach (var bar in bars.Bars)
                    {
                        bar.FillColor = Dark(bar.FillColor);
                        bar.LineColor = Dark(bar.LineColor);
                    }
                    break;
                case AxisSpan span:
                    span.FillColor = Dark(span.FillColor);
                    span.LineColor = Dark(span.LineColor);
                    break;
                case Text text:
                    text.LabelFontColor = Dark(text.LabelFontColor);
                    text.LabelBackgroundColor = Dark(text.LabelBackgroundColor);
                    break;
            }
        }
    }

    /// <summary>A light theme's <c>#RRGGBB</c> in the dark theme; the same colour in the light one.</summary>
    public static string Hex(string light, ChartTheme theme) =>
        theme == ChartTheme.Dark && ChartColors.Dark.TryGetValue(light, out var dark) ? dark : light;

    /// <summary>A light theme's colour in the dark theme, at the same opacity; a colour with no counterpart stays.</summary>
    public static Color Dark(Color light) =>
        ChartColors.Dark.TryGetValue($"#{light.R:X2}{light.G:X2}{light.B:X2}", out var dark) ? Color.FromHex(dark).WithAlpha(light.A) : light;
}
