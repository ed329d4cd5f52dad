using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>Reduces a tidy time series to one <see cref="MetricSummary"/> per (metric, scope).</summary>
public static class RunSummary
{
    /// <summary>The threshold, in %, above which API error time is counted in the summary (<c>minutes_above_1pct</c>).</summary>
    public const double ApiErrorThresholdPct = 1.0;

    /// <summary>
    /// Summaries ordered by metric, then scope (ordinal). Within one replication, rows of a (metric, scope) are
    /// taken to be in increasing time, as <see cref="Experiments.RunResult.Series"/> promises.
    /// </summary>
    public static IReadOnlyList<MetricSummary> Compute(IReadOnlyList<TimeSeriesRow> series) => Aggregate(PerReplication(series));

    /// <summary>
    /// The figures of each (replication, metric, scope), ordered by replication, then metric, then scope (ordinal):
    /// what an experiment keeps of each replication.
    /// </summary>
    public static IReadOnlyList<ReplicationSummary> PerReplication(IReadOnlyList<TimeSeriesRow> series)
    {
        var perReplication = new Dictionary<(string Metric, string Scope, int Replication), Accumulator>();
        foreach (var row in series)
        {
            var key = (row.Metric, row.Scope, row.Replication);
            if (!perReplication.TryGetValue(key, out var acc))
            {
                acc = new Accumulator(row.Metric == MetricCatalog.ApiErrorRatePct.Name);
                perReplication.Add(key, acc);
            }
            acc.Add(row.TimeH, row.Value);
        }
        return perReplication
            .OrderBy(kv => kv.Key.Replication)
            .ThenBy(kv => kv.Key.Metric, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Scope, StringComparer.Ordinal)
            .Select(kv => new ReplicationSummary(kv.Key.Replication, kv.Key.Metric, kv.Key.Scope, kv.Value.Peak,
                kv.Value.PeakTimeH, kv.Value.Final, kv.Key.Metric == MetricCatalog.ApiErrorRatePct.Name ? kv.Value.MinutesAbove : null))
            .ToList();
    }

    /// <summary>
    /// One <see cref="MetricSummary"/> per (metric, scope), ordered by metric, then scope (ordinal), each figure taken
    /// across the replications in increasing replication order.
    /// </summary>
    public static IReadOnlyList<MetricSummary> Aggregate(IEnumerable<ReplicationSummary> rows) =>
        rows
            .GroupBy(r => (r.Metric, r.Scope))
            .OrderBy(g => g.Key.Metric, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Scope, StringComparer.Ordinal)
            .Select(g =>
            {
                var reps = g.OrderBy(r => r.Replication).ToList();
                bool countsMinutes = g.Key.Metric == MetricCatalog.ApiErrorRatePct.Name;
                return new MetricSummary(g.Key.Metric, g.Key.Scope, reps.Count,
                    SummaryStatistics.Of(reps.Select(r => r.Peak)),
                    SummaryStatistics.Of(reps.Select(r => r.PeakTimeH)),
                    SummaryStatistics.Of(reps.Select(r => r.Final)),
                    countsMinutes ? SummaryStatistics.Of(reps.Select(r => r.MinutesAbove1Pct ?? double.NaN)) : null);
            })
            .ToList();

    /// <summary>Streaming peak, final and time-above-threshold of one replication's samples.</summary>
    /// <remarks>Time above the threshold is counted in whole ticks of the microsecond clock, so it has no float dust.</remarks>
    private sealed class Accumulator(bool countsMinutesAbove)
    {
        private const double TicksPerHour = 3_600_000_000.0;
        private int _samples;
        private long _previousTicks;
        private bool _previousAbove;
        private long _lastIntervalTicks;
        private long _ticksAbove;

        public double Peak { get; private set; } = double.NaN;
        public double PeakTimeH { get; private set; } = double.NaN;
        public double Final { get; private set; } = double.NaN;

        public double MinutesAbove =>
            (double)((_ticksAbove + (_previousAbove && _samples > 1 ? _lastIntervalTicks : 0)) / 60_000_000m);

        public void Add(double timeH, double value)
        {
            if (!double.IsNaN(value) && (double.IsNaN(Peak) || value > Peak))
                (Peak, PeakTimeH) = (value, timeH);
            Final = value;
            long ticks = (long)Math.Round(timeH * TicksPerHour, MidpointRounding.AwayFromZero);
            if (countsMinutesAbove)
            {
                if (_samples > 0)
                {
                    _lastIntervalTicks = ticks - _previousTicks;
                    if (_previousAbove) _ticksAbove += _lastIntervalTicks;
                }
                _previousAbove = value > ApiErrorThresholdPct;
            }
            _previousTicks = ticks;
            _samples++;
        }
    }
}
