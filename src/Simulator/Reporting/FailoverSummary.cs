using MathNet.Numerics.Statistics;
using Simulator.CrossRegion;
using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>
/// The figures of one replication's interruptions of replicated volumes (<see cref="CrossRegionMetrics.Figures"/>),
/// per home region and per class, as summary rows like <see cref="FailureSummary"/>'s: the figure is both the peak and
/// the final value, with no peak time.
/// </summary>
public static class FailoverSummary
{
    /// <summary>The figures of <paramref name="replication"/>, ordered by metric, then scope (ordinal); none without classes.</summary>
    public static IReadOnlyList<ReplicationSummary> Of(int replication, CrossRegionReplication? cross)
    {
        if (cross is null || cross.Classes.Count == 0) return [];
        var byScope = new SortedDictionary<string, (List<FailoverOutcome> Outcomes, int Open)>(StringComparer.Ordinal);
        foreach (var c in cross.Classes)
        {
            string region = MetricCatalog.Region.Prefix + c.HomeRegion, own = CrossRegionMetrics.Replication.Prefix + c.Spec.Name;
            int open = c.Count().Down;
            byScope[own] = ([.. cross.Outcomes.Where(o => o.Class == c.Index)], open);
            var (list, sum) = byScope.GetValueOrDefault(region, ([], 0));
            list.AddRange(byScope[own].Outcomes);
            byScope[region] = (list, sum + open);
        }
        var rows = new List<ReplicationSummary>();
        foreach (var figure in CrossRegionMetrics.Figures.OrderBy(m => m.Name, StringComparer.Ordinal))
            foreach (var (scope, (outcomes, open)) in byScope)
            {
                double value = Value(figure, outcomes, open);
                rows.Add(new ReplicationSummary(replication, figure.Name, scope, value, double.NaN, value, null));
            }
        return rows;
    }

    private static double Value(Metrics.MetricDefinition figure, List<FailoverOutcome> outcomes, int open)
    {
        if (figure == CrossRegionMetrics.InterruptionsTotal) return outcomes.Count;
        if (figure == CrossRegionMetrics.InterruptionsOpenTotal) return open;
        var failovers = outcomes.Where(o => o.FailedOver).ToList();
        if (figure == CrossRegionMetrics.FailoversTotal) return failovers.Count;
        if (figure == CrossRegionMetrics.RpoBytesTotal) return Math.Round(failovers.Sum(o => o.RpoBytes));
        bool rpo = figure == CrossRegionMetrics.RpoP50S || figure == CrossRegionMetrics.RpoP99S || figure == CrossRegionMetrics.RpoMaxS;
        double[] seconds = rpo ? [.. failovers.Select(o => o.RpoS)] : [.. outcomes.Select(o => o.RtoS)];
        if (seconds.Length == 0) return double.NaN;
        double value = figure == CrossRegionMetrics.RpoMaxS || figure == CrossRegionMetrics.RtoMaxS ? seconds.Max()
            : seconds.QuantileCustom(figure == CrossRegionMetrics.RpoP50S || figure == CrossRegionMetrics.RtoP50S ? 0.5 : 0.99, QuantileDefinition.R7);
        return Math.Round(value, 6, MidpointRounding.AwayFromZero);
    }
}
