using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>
/// The headline figures that <c>compare</c> and <c>sweep</c> report for each replication, then average with a
/// confidence interval: how bad the outage got in the affected zone, and how far it reached beyond it. A figure whose
/// metric was not sampled (a scenario without databases) is NaN.
/// </summary>
public static class ExperimentFigures
{
    public static readonly FigureDefinition StuckPeak = new("stuck_peak_pct", "stuck peak", "%",
        $"peak of {MetricCatalog.VolumesStuckPct.Name} in the affected zone");
    public static readonly FigureDefinition OutageDuration = new("outage_duration_h", "outage >1%", "h",
        $"{MetricCatalog.OutageDurationH.Name} in the affected zone: from the first sample with more than 1 % of its volumes stuck to the first at or below 1 % after the last one above (the horizon if still above)");
    public static readonly FigureDefinition StuckVolumeHours = new("stuck_volume_hours", "stuck vol-h", "volume-h",
        $"{MetricCatalog.StuckVolumeHours.Name} in the affected zone: the area under its number of stuck volumes");
    public static readonly FigureDefinition RecoveryTime = new("recovery_time_h", "recovered", "h",
        $"{MetricCatalog.RecoveryTimeH.Name} in the affected zone: hours since time 0 until no volume is stuck any more (the horizon if some still are)");
    public static readonly FigureDefinition LostFinal = new("lost_final_pct", "lost final", "%",
        $"{MetricCatalog.VolumesLostPct.Name} in the affected zone at the last sample");
    public static readonly FigureDefinition NodesCrashed = new("nodes_crashed", "crashed", "nodes",
        $"{MetricCatalog.NodesCrashedTotal.Name} at the last sample, summed over clusters");
    public static readonly FigureDefinition ApiErrorsOtherZonesPeak = new("api_errors_other_zones_peak_pct",
        "API err. peak, other zones", "%", $"peak of {MetricCatalog.ApiErrorRatePct.Name}, the largest over the zones other than the affected one");
    public static readonly FigureDefinition ApiErrorsOtherZonesMinutes = new("api_errors_other_zones_minutes_above_1pct",
        "API err. >1%, other zones", "min", $"minutes with {MetricCatalog.ApiErrorRatePct.Name} above 1 %, the largest over the zones other than the affected one");
    public static readonly FigureDefinition DatabasesImpactedPeak = new("databases_single_zone_impacted_peak_pct",
        "1-zone DBs hit peak", "%", $"peak of {MetricCatalog.DatabasesSingleZoneImpactedPct.Name} in the affected zone");

    public static readonly FigureDefinition FailedOver = new("failovers", "failovers", "volumes",
        $"{CrossRegionMetrics.FailoversTotal.Name}, summed over regions");
    public static readonly FigureDefinition RpoP99 = new("rpo_p99_s", "RPO p99", "s",
        $"{CrossRegionMetrics.RpoP99S.Name}, the largest over regions");
    public static readonly FigureDefinition RpoBytes = new("rpo_gb", "writes lost", "GB",
        $"{CrossRegionMetrics.RpoBytesTotal.Name} in gigabytes (10^9 bytes), summed over regions");
    public static readonly FigureDefinition RtoP50 = new("rto_p50_s", "RTO p50", "s",
        $"{CrossRegionMetrics.RtoP50S.Name}, the largest over regions");
    public static readonly FigureDefinition RtoMax = new("rto_max_s", "RTO max", "s",
        $"{CrossRegionMetrics.RtoMaxS.Name}, the largest over regions");

    /// <summary>The figures, in column order.</summary>
    public static IReadOnlyList<FigureDefinition> All { get; } =
        [StuckPeak, OutageDuration, StuckVolumeHours, RecoveryTime, LostFinal, NodesCrashed, ApiErrorsOtherZonesPeak, ApiErrorsOtherZonesMinutes, DatabasesImpactedPeak,
         FailedOver, RpoP99, RpoBytes, RtoP50, RtoMax];

    /// <summary>The figures of one replication, in the order of <see cref="All"/>.</summary>
    /// <param name="summaries">That replication's summaries (one per metric and scope).</param>
    /// <param name="affectedZoneScope"><c>zone:us-east-1a</c>.</param>
    public static double[] Compute(IEnumerable<ReplicationSummary> summaries, string affectedZoneScope)
    {
        var rows = summaries as IReadOnlyCollection<ReplicationSummary> ?? [.. summaries];
        double At(string metric, Func<ReplicationSummary, double> figure) =>
            rows.FirstOrDefault(r => r.Metric == metric && r.Scope == affectedZoneScope) is { } r ? figure(r) : double.NaN;

        var crashes = rows.Where(r => r.Metric == MetricCatalog.NodesCrashedTotal.Name && MetricCatalog.Cluster.Holds(r.Scope)).ToList();
        var otherZones = rows.Where(r => r.Metric == MetricCatalog.ApiErrorRatePct.Name && r.Scope != affectedZoneScope &&
                                         MetricCatalog.Zone.Holds(r.Scope)).ToList();
        double Regions(string metric, bool sum)
        {
            var values = rows.Where(r => r.Metric == metric && MetricCatalog.Region.Holds(r.Scope) && !double.IsNaN(r.Final)).Select(r => r.Final).ToList();
            return values.Count == 0 ? double.NaN : sum ? values.Sum() : values.Max();
        }
        return
        [
            At(MetricCatalog.VolumesStuckPct.Name, r => r.Peak),
            At(MetricCatalog.OutageDurationH.Name, r => r.Final),
            At(MetricCatalog.StuckVolumeHours.Name, r => r.Final),
            At(MetricCatalog.RecoveryTimeH.Name, r => r.Final),
            At(MetricCatalog.VolumesLostPct.Name, r => r.Final),
            crashes.Count > 0 ? crashes.Sum(r => r.Final) : double.NaN,
            otherZones.Count > 0 ? otherZones.Max(r => r.Peak) : double.NaN,
            otherZones.Count > 0 ? otherZones.Max(r => r.MinutesAbove1Pct ?? double.NaN) : double.NaN,
            At(MetricCatalog.DatabasesSingleZoneImpactedPct.Name, r => r.Peak),
            Regions(CrossRegionMetrics.FailoversTotal.Name, sum: true),
            Regions(CrossRegionMetrics.RpoP99S.Name, sum: false),
            Regions(CrossRegionMetrics.RpoBytesTotal.Name, sum: true) / 1e9,
            Regions(CrossRegionMetrics.RtoP50S.Name, sum: false),
            Regions(CrossRegionMetrics.RtoMaxS.Name, sum: false),
        ];
    }
}
