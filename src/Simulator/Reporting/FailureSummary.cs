using MathNet.Numerics.Statistics;
using Simulator.Metrics;
using Simulator.Storage;

namespace Simulator.Reporting;

/// <summary>
/// The figures of one replication's failure events (<see cref="MetricCatalog.FailureFigures"/>) for every zone with
/// clusters and every cluster, as summary rows: the figure is both the peak and the final value, with no peak time, so
/// that <see cref="RunSummary.Aggregate"/> takes it across replications like any metric's.
/// </summary>
public static class FailureSummary
{
    /// <summary>The figures of <paramref name="replication"/>, ordered by metric, then scope (ordinal).</summary>
    /// <param name="replication">The replication's index.</param>
    /// <param name="failures">Its failure events.</param>
    /// <param name="clusters">Every cluster of the model with its zone: scopes without events get counts of 0.</param>
    public static IReadOnlyList<ReplicationSummary> Of(int replication, IReadOnlyList<FailureRecord> failures,
        IEnumerable<(string Zone, string Cluster)> clusters)
    {
        var byScope = new SortedDictionary<string, List<FailureRecord>>(StringComparer.Ordinal);
        foreach (var (zone, cluster) in clusters)
        {
            byScope.TryAdd(MetricCatalog.Zone.Prefix + zone, []);
            byScope.TryAdd(MetricCatalog.Cluster.Prefix + cluster, []);
        }
        foreach (var f in failures)
        {
            byScope[MetricCatalog.Zone.Prefix + f.Zone].Add(f);
            byScope[MetricCatalog.Cluster.Prefix + f.Cluster].Add(f);
        }
        var rows = new List<ReplicationSummary>();
        foreach (var figure in MetricCatalog.FailureFigures.OrderBy(m => m.Name, StringComparer.Ordinal))
            foreach (var (scope, events) in byScope)
            {
                double value = Value(figure, events);
                rows.Add(new ReplicationSummary(replication, figure.Name, scope, value, double.NaN, value, null));
            }
        return rows;
    }

    /// <summary>Both lists of one replication's rows, ordered by replication, metric, then scope (ordinal).</summary>
    public static IReadOnlyList<ReplicationSummary> Merge(IReadOnlyList<ReplicationSummary> metrics, IReadOnlyList<ReplicationSummary> failures) =>
        [.. metrics.Concat(failures).OrderBy(r => r.Replication).ThenBy(r => r.Metric, StringComparer.Ordinal).ThenBy(r => r.Scope, StringComparer.Ordinal)];

    private static double Value(MetricDefinition figure, List<FailureRecord> events)
    {
        if (figure == MetricCatalog.FailureEventsTotal) return events.Count;
        if (figure == MetricCatalog.FailureEventsOpenTotal) return events.Count(e => e.Outcome == FailureOutcome.Open);
        double[] seconds = [.. events.Where(e => e.TimeToFullReplication is not null).Select(e => e.TimeToFullReplication!.Value.TotalSeconds)];
        if (seconds.Length == 0) return double.NaN;
        double value = figure == MetricCatalog.TimeToFullReplicationMaxS ? seconds.Max()
            : seconds.QuantileCustom(figure == MetricCatalog.TimeToFullReplicationP50S ? 0.5 : 0.95, QuantileDefinition.R7);
        // Whole microseconds, like the times themselves: no interpolation dust.
        return Math.Round(value, 6, MidpointRounding.AwayFromZero);
    }
}
