namespace MarketContext.Web.Features.Charts;

/// <summary>Fewer points for a long history, chosen so that the drawn line does not change.</summary>
public static class Decimation
{
    /// <summary>
    /// Keeps each pixel column's first, lowest, highest and last point, in order: a long history drawn with a
    /// few points per column looks the same as with all of them, and draws far faster.
    /// </summary>
    internal static (double[] Xs, double[] Ys) Decimate(double[] xs, double[] ys, double xMin, double xMax, int columns)
    {
        if (xs.Length <= columns * 4)
        {
            return (xs, ys);
        }
        var keepX = new List<double>(columns * 4);
        var keepY = new List<double>(columns * 4);
        var scale = columns / (xMax - xMin);
        var start = 0;
        while (start < xs.Length)
        {
            var column = Math.Floor((xs[start] - xMin) * scale);
            var end = start;
            int low = start, high = start;
            while (end + 1 < xs.Length && Math.Floor((xs[end + 1] - xMin) * scale) == column)
            {
                end++;
                if (ys[end] < ys[low])
                {
                    low = end;
                }
                if (ys[end] > ys[high])
                {
                    high = end;
                }
            }
            foreach (var i in new SortedSet<int> { start, low, high, end })
            {
                keepX.Add(xs[i]);
                keepY.Add(ys[i]);
            }
            start = end + 1;
        }
        return ([.. keepX], [.. keepY]);
    }
}
