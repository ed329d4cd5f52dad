using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>
/// How long one replication's outage lasted in every region and zone with volumes (<see cref="MetricCatalog.OutageFigures"/>),
/// read off its <c>volumes_stuck_pct</c> series, as summary rows: the figure is both the peak and the final value, with no
/// peak time, so that <see cref="RunSummary.Aggregate"/> takes it across replications like any metric's. Every sample
/// stands until the next one (as <c>minutes_above_1pct</c> counts).
/// </summary>
public static class OutageSummary
{
    /// <summary>The figures of <paramref name="replication"/>, ordered by metric, then scope (ordinal).</summary>
    /// <param name="replication">The replication's index.</param>
    /// <param name="series">Its rows; those of a (metric, scope) in increasing time.</param>
    /// <param name="volumes">The number of volumes of each scope (<c>zone:us-east-1a</c>), to turn shares into volumes.</param>
    public static IReadOnlyList<ReplicationSummary> Of(int replication, IReadOnlyList<TimeSeriesRow> series,
        IReadOnlyDictionary<string, long> volumes)
    {
        var curves = new SortedDictionary<string, List<(double TimeH, double Pct)>>(StringComparer.Ordinal);
        foreach (var row in series)
        {
            if (row.Metric != MetricCatalog.VolumesStuckPct.Name || row.Replication != replication) continue;
            if (!curves.TryGetValue(row.Scope, out var curve)) curves.Add(row.Scope, curve = []);
            curve.Add((row.TimeH, row.Value));
        }
        var rows = new List<ReplicationSummary>();
        foreach (var figure in MetricCatalog.OutageFigures.OrderBy(m => m.Name, StringComparer.Ordinal))
            foreach (var (scope, curve) in curves)
            {
                double value = figure == MetricCatalog.OutageDurationH ? DurationAbove(curve, MetricCatalog.OutageThresholdPct)
                    : figure == MetricCatalog.RecoveryTimeH ? RecoveredAt(curve)
                    : AreaPctHours(curve) / 100 * (volumes.TryGetValue(scope, out long n) ? n : double.NaN);
                rows.Add(new ReplicationSummary(replication, figure.Name, scope, value, double.NaN, value, null));
            }
        return rows;
    }

    /// <summary>
    /// Hours from the first sample above <paramref name="thresholdPct"/> to the first sample at or below it after the last
    /// one above (the last sample's time when it is still above); 0 when no sample is above.
    /// </summary>
    public static double DurationAbove(IReadOnlyList<(double TimeH, double Pct)> curve, double thresholdPct)
    {
        double first = double.NaN, end = double.NaN;
        bool open = false;
        foreach (var (t, v) in curve)
        {
            if (v > thresholdPct)
            {
                if (double.IsNaN(first)) first = t;
                open = true;
            }
            else if (open)
            {
                end = t;
                open = false;
            }
        }
        if (double.IsNaN(first)) return 0;
        return (open ? curve[^1].TimeH : end) - first;
    }

    /// <summary>The area under the curve, in %·h, each sample standing until the next (the last one for no time).</summary>
    public static double AreaPctHours(IReadOnlyList<(double TimeH, double Pct)> curve)
    {
        double area = 0;
        for (int i = 1; i < curve.Count; i++)
            if (!double.IsNaN(curve[i - 1].Pct)) area += curve[i - 1].Pct * (curve[i].TimeH - curve[i - 1].TimeH);
        return area;
    }

    /// <summary>
    /// The first sample of the last stretch of samples at 0, after some sample above 0; 0 when none is above; the last
    /// sample's time when it is above 0.
    /// </summary>
    public static double RecoveredAt(IReadOnlyList<(double TimeH, double Pct)> curve)
    {
        bool ever = false;
        double zeroFrom = double.NaN;
        foreach (var (t, v) in curve)
        {
            if (v > 0)
            {
                ever = true;
                zeroFrom = double.NaN;
            }
            else if (double.IsNaN(zeroFrom)) zeroFrom = t;
        }
        if (!ever) return 0;
        return double.IsNaN(zeroFrom) ? curve[^1].TimeH : zeroFrom;
    }
}
