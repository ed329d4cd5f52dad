using Simulator.Experiments;
using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>The few figures worth printing after a run: how bad the outage got in the affected zone and beyond.</summary>
public static class HeadlineFigures
{
    /// <summary>
    /// Peak and final stuck and lost volumes in the affected zone, how long its outage lasted, peak API error rate of each zone, the failovers of
    /// replicated volumes with their RPO and RTO per home region, nodes crashed, events processed and wall time. Figures whose metrics were not sampled are left out.
    /// </summary>
    /// <param name="result">The run (several replications' series when there are).</param>
    /// <param name="summaries">Its summaries; computed from the series when null.</param>
    /// <param name="wallSeconds">The wall time to show; the run's own (for several replications, the sum of theirs) when null.</param>
    public static IReadOnlyList<Headline> Compute(RunResult result, IReadOnlyList<MetricSummary>? summaries = null,
        double? wallSeconds = null)
    {
        summaries ??= RunSummary.Compute(result.Series);
        var list = new List<Headline>();
        string zone = result.AffectedZoneScope;

        foreach (var (metric, noun) in new[] { (MetricCatalog.VolumesStuckPct.Name, "stuck volumes"), (MetricCatalog.VolumesLostPct.Name, "lost volumes") })
        {
            if (Find(summaries, metric, zone) is not { } s) continue;
            list.Add(new Headline($"{noun}, peak", zone, s.Peak.Mean, "%", s.PeakTimeH.Mean, HalfWidth(s.Peak)));
            list.Add(new Headline($"{noun}, final", zone, s.Final.Mean, "%", null, HalfWidth(s.Final)));
        }

        // How long it lasted: the outage above 1 % stuck, the stuck volume-hours, the time to full recovery.
        foreach (var (metric, label, unit) in new[]
                 {
                     (MetricCatalog.OutageDurationH.Name, "outage (>1 % stuck)", "h"),
                     (MetricCatalog.StuckVolumeHours.Name, "stuck volume-hours", "volume-h"),
                     (MetricCatalog.RecoveryTimeH.Name, "full recovery at", "h"),
                 })
            if (Find(summaries, metric, zone) is { } s)
                list.Add(new Headline(label, zone, s.Final.Mean, unit, null, HalfWidth(s.Final)));

        foreach (var s in summaries.Where(s => s.Metric == MetricCatalog.ApiErrorRatePct.Name && MetricCatalog.Zone.Holds(s.Scope)))
            list.Add(new Headline("API error rate, peak", s.Scope, s.Peak.Mean, "%", s.PeakTimeH.Mean, HalfWidth(s.Peak)));

        // Replicated volumes' interruptions, per home region: how many failed over, what they lost, how long they waited.
        foreach (var (metric, label, unit) in new[]
                 {
                     (CrossRegionMetrics.FailoversTotal.Name, "failovers", "volumes"),
                     (CrossRegionMetrics.RpoP99S.Name, "RPO, p99", "s"),
                     (CrossRegionMetrics.RpoBytesTotal.Name, "writes lost", "bytes"),
                     (CrossRegionMetrics.RtoP50S.Name, "RTO, p50", "s"),
                     (CrossRegionMetrics.RtoMaxS.Name, "RTO, max", "s"),
                 })
            foreach (var s in summaries.Where(s => s.Metric == metric && MetricCatalog.Region.Holds(s.Scope) && !double.IsNaN(s.Final.Mean)))
                list.Add(new Headline(label, s.Scope, s.Final.Mean, unit, null, HalfWidth(s.Final)));

        if (NodesCrashed(summaries) is { } crashed)
            list.Add(new Headline("nodes crashed", crashed.Scope, crashed.Value, "nodes", null, crashed.HalfWidth));

        list.Add(new Headline("events processed", "", result.EventsProcessed, "events"));
        list.Add(new Headline("wall time", "", wallSeconds ?? result.WallSeconds, "s"));
        return list;
    }

    /// <summary>The 95 % CI half-width, or null when there is none (one replication).</summary>
    private static double? HalfWidth(SummaryStatistics s) => double.IsNaN(s.Ci95High) ? null : s.Ci95High - s.Mean;

    private static MetricSummary? Find(IReadOnlyList<MetricSummary> summaries, string metric, string scope) =>
        summaries.FirstOrDefault(s => s.Metric == metric && s.Scope == scope);

    /// <summary>
    /// Final crash count of the region if sampled there, else the sum over clusters, else over zones; with its CI
    /// half-width when it is one scope's (a sum's interval needs the replications' sums, which the summaries do not keep).
    /// </summary>
    private static (string Scope, double Value, double? HalfWidth)? NodesCrashed(IReadOnlyList<MetricSummary> summaries)
    {
        foreach (var kind in new[] { MetricCatalog.Region, MetricCatalog.Cluster, MetricCatalog.Zone })
        {
            var scoped = summaries.Where(s => s.Metric == MetricCatalog.NodesCrashedTotal.Name && kind.Holds(s.Scope)).ToList();
            if (scoped.Count == 0) continue;
            string scope = scoped.Count == 1 ? scoped[0].Scope : $"all {kind.Name}s";
            return (scope, scoped.Sum(s => s.Final.Mean), scoped.Count == 1 ? HalfWidth(scoped[0].Final) : null);
        }
        return null;
    }
}
