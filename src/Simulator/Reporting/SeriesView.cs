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

    /// <summary>Whether any row carries <paramref name="metric"/> in <paramref name="scope"/>.</summary>
    public static bool Has(IReadOnlyList<TimeSeriesRow> series, string scope, string metric)
    {
        foreach (var row in series)
            if (row.Metric == metric && row.Scope == scope) return true;
        return false;
    }
}
