using MathNet.Numerics.Statistics;
using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>Read-only queries over tidy time-series rows, shared by the summary, the plots and the headline figures.</summary>
internal static class SeriesView
{
    /// <summary>Number of distinct replications (0 when there are no rows).</summary>
    public static int ReplicationCount(IReadOnlyList<TimeSeriesRow> series)
    {
        var seen = new HashSet<int>();
        foreach (var row in series) seen.Add(row.Replication);
        return seen.Count;
    }

    /// <summary>Scopes, in ordinal order, that carry <paramref name="metric"/> and start with <paramref name="scopePrefix"/>.</summary>
    public static IReadOnlyList<string> Scopes(IReadOnlyList<TimeSeriesRow> series, string metric, string scopePrefix)
    {
        var scopes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in series)
            if (row.Metric == metric && row.Scope.StartsWith(scopePrefix, StringComparison.Ordinal))
                scopes.Add(row.Scope);
        return [.. scopes];
    }

    /// <summary>
    /// The curve of one metric in one scope: times in increasing order and, at each time, the mean over the
    /// replications that have a sample there (the only value when there is one replication).
    /// </summary>
    public static (double[] TimesH, double[] Values) Curve(IReadOnlyList<TimeSeriesRow> series, string scope, string metric)
    {
        var sums = new SortedDictionary<double, (double Sum, int Count)>();
        foreach (var row in series)
        {
            if (row.Metric != metric || row.Scope != scope) continue;
            sums.TryGetValue(row.TimeH, out var acc);
            sums[row.TimeH] = (acc.Sum + row.Value, acc.Count + 1);
        }
        var times = new double[sums.Count];
        var values = new double[sums.Count];
        int i = 0;
        foreach (var (time, acc) in sums)
        {
            times[i] = time;
            values[i] = acc.Sum / acc.Count;
            i++;
        }
        return (times, values);
    }

    /// <summary>The median and 5–95 % band of one metric in one scope across replications, with each replication's curve.</summary>
    public static SeriesBand Band(IReadOnlyList<TimeSeriesRow> series, string scope, string metric)
    {
        var rows = new List<TimeSeriesRow>();
        foreach (var row in series)
            if (row.Metric == metric && row.Scope == scope) rows.Add(row);
        double[] t = [.. rows.Select(r => r.TimeH).Distinct().Order()];
        int[] replications = [.. rows.Select(r => r.Replication).Distinct().Order()];
        var runs = replications.Select(_ => Enumerable.Repeat(double.NaN, t.Length).ToArray()).ToList();
        foreach (var row in rows)
            runs[Array.BinarySearch(replications, row.Replication)][Array.BinarySearch(t, row.TimeH)] = row.Value;

        var p5 = new double[t.Length];
        var median = new double[t.Length];
        var p95 = new double[t.Length];
        var column = new List<double>(runs.Count);
        for (int i = 0; i < t.Length; i++)
        {
            column.Clear();
            foreach (var run in runs)
                if (!double.IsNaN(run[i])) column.Add(run[i]);
            if (column.Count == 0) { p5[i] = median[i] = p95[i] = double.NaN; continue; }
            if (column.Count == 1) { p5[i] = median[i] = p95[i] = column[0]; continue; }
            double[] sorted = [.. column];
            Array.Sort(sorted);
            p5[i] = SortedArrayStatistics.QuantileCustom(sorted, 0.05, QuantileDefinition.R7);
            median[i] = SortedArrayStatistics.QuantileCustom(sorted, 0.50, QuantileDefinition.R7);
            p95[i] = SortedArrayStatistics.QuantileCustom(sorted, 0.95, QuantileDefinition.R7);
        }
        return new SeriesBand(t, p5, median, p95, runs);
    }

    /// <summary>Bin widths, in minutes, that <see cref="BinMeans"/> picks from: the smallest that keeps the points in bounds.</summary>
    private static readonly int[] BinMinutes = [1, 2, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440];

    /// <summary>
    /// Averages a dense curve over fixed time bins so that at most <paramref name="maxPoints"/> remain (a rate sampled
    /// every minute from a few requests is noise at the scale of days). Each mean is placed at its bin's start.
    /// Returns the curve unchanged, with a bin of 0, when it is already sparse enough.
    /// </summary>
    public static (double[] TimesH, double[] Values, int BinMinutes) BinMeans(double[] timesH, double[] values, int maxPoints)
    {
        if (timesH.Length <= maxPoints) return (timesH, values, 0);
        double spanH = timesH[^1] - timesH[0];
        int minutes = BinMinutes.FirstOrDefault(m => spanH * 60 / m < maxPoints, BinMinutes[^1]);
        double binH = minutes / 60.0;
        var times = new List<double>();
        var means = new List<double>();
        double sum = 0;
        int count = 0;
        long currentBin = long.MinValue;
        for (int i = 0; i < timesH.Length; i++)
        {
            long bin = (long)Math.Floor((timesH[i] - timesH[0]) / binH + 1e-9);
            if (bin != currentBin && count > 0)
            {
                times.Add(timesH[0] + currentBin * binH);
                means.Add(sum / count);
                (sum, count) = (0, 0);
            }
            currentBin = bin;
            if (double.IsNaN(values[i])) continue;
            sum += values[i];
            count++;
        }
        if (count > 0)
        {
            times.Add(timesH[0] + currentBin * binH);
            means.Add(sum / count);
        }
        return ([.. times], [.. means], minutes);
    }

    /// <summary>Whether any row carries <paramref name="metric"/> in <paramref name="scope"/>.</summary>
    public static bool Has(IReadOnlyList<TimeSeriesRow> series, string scope, string metric)
    {
        foreach (var row in series)
            if (row.Metric == metric && row.Scope == scope) return true;
        return false;
    }
}
