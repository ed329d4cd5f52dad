using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>
/// The headline figures that <c>compare</c> and <c>sweep</c> report for each replication, then average with a
/// confidence interval: how bad the outage got in the affected zone, and how far it reached beyond it. A figure whose
/// metric was not sampled (a scenario without databases) is NaN. <see cref="All"/> is the one place a figure is
/// defined — its column name, label, unit, definition and computation — and what the columns of <c>figures.csv</c>, the
/// rows of <c>comparison.csv</c> and <c>point-figures.csv</c>, the sweep plots and <c>docs/outputs.md</c> follow.
/// </summary>
public static class ExperimentFigures
{
    /// <summary>The figures, in column order: adding a figure is adding an entry here.</summary>
    public static IReadOnlyList<FigureDefinition> All { get; } =
    [
        new("stuck_peak_pct", "stuck peak", "%", $"peak of {MetricCatalog.VolumesStuckPct.Name} in the affected zone",
            x => x.InAffectedZone(MetricCatalog.VolumesStuckPct, r => r.Peak)),
        new("outage_duration_h", "outage >1%", "h",
            $"{MetricCatalog.OutageDurationH.Name} in the affected zone: from the first sample with more than 1 % of its volumes stuck " +
            "to the first at or below 1 % after the last one above (the horizon if still above)",
            x => x.InAffectedZone(MetricCatalog.OutageDurationH, r => r.Final)),
        new("stuck_volume_hours", "stuck vol-h", "volume-h",
            $"{MetricCatalog.StuckVolumeHours.Name} in the affected zone: the area under its number of stuck volumes",
            x => x.InAffectedZone(MetricCatalog.StuckVolumeHours, r => r.Final)),
        new("recovery_time_h", "recovered", "h",
            $"{MetricCatalog.RecoveryTimeH.Name} in the affected zone: hours since time 0 until no volume is stuck any more (the " +
            "horizon if some still are)",
            x => x.InAffectedZone(MetricCatalog.RecoveryTimeH, r => r.Final)),
        new("lost_final_pct", "lost final", "%", $"{MetricCatalog.VolumesLostPct.Name} in the affected zone at the last sample",
            x => x.InAffectedZone(MetricCatalog.VolumesLostPct, r => r.Final)),
        new("nodes_crashed", "crashed", "nodes", $"{MetricCatalog.NodesCrashedTotal.Name} at the last sample, summed over clusters",
            x => x.SumOfFinal(MetricCatalog.NodesCrashedTotal, MetricCatalog.Cluster)),
        new("api_errors_other_zones_peak_pct", "API err. peak, other zones", "%",
            $"peak of {MetricCatalog.ApiErrorRatePct.Name}, the largest over the zones other than the affected one (every other " +
            "zone of the scenario's regions, whether or not it has simulated clusters)",
            x => x.MaxOverOtherZones(MetricCatalog.ApiErrorRatePct, r => r.Peak)),
        new("api_errors_other_zones_minutes_above_1pct", "API err. >1%, other zones", "min",
            $"minutes with {MetricCatalog.ApiErrorRatePct.Name} above 1 %, the largest over the zones other than the affected one " +
            "(as for api_errors_other_zones_peak_pct)",
            x => x.MaxOverOtherZones(MetricCatalog.ApiErrorRatePct, r => r.MinutesAbove1Pct ?? double.NaN)),
        new("databases_single_zone_impacted_peak_pct", "1-zone DBs hit peak", "%",
            $"peak of {MetricCatalog.DatabasesSingleZoneImpactedPct.Name} in the affected zone",
            x => x.InAffectedZone(MetricCatalog.DatabasesSingleZoneImpactedPct, r => r.Peak)),
        new("failovers", "failovers", "volumes", $"{CrossRegionMetrics.FailoversTotal.Name}, summed over regions",
            x => x.SumOfFinal(CrossRegionMetrics.FailoversTotal, MetricCatalog.Region)),
        new("rpo_p99_s", "RPO p99", "s", $"{CrossRegionMetrics.RpoP99S.Name}, the largest over regions",
            x => x.MaxOfFinal(CrossRegionMetrics.RpoP99S, MetricCatalog.Region)),
        new("rpo_gb", "writes lost", "GB", $"{CrossRegionMetrics.RpoBytesTotal.Name} in gigabytes (10^9 bytes), summed over regions",
            x => x.SumOfFinal(CrossRegionMetrics.RpoBytesTotal, MetricCatalog.Region) / 1e9),
        new("rto_p50_s", "RTO p50", "s", $"{CrossRegionMetrics.RtoP50S.Name}, the largest over regions",
            x => x.MaxOfFinal(CrossRegionMetrics.RtoP50S, MetricCatalog.Region)),
        new("rto_max_s", "RTO max", "s", $"{CrossRegionMetrics.RtoMaxS.Name}, the largest over regions",
            x => x.MaxOfFinal(CrossRegionMetrics.RtoMaxS, MetricCatalog.Region)),
    ];

    /// <summary>The figure with column name <paramref name="id"/>.</summary>
    public static FigureDefinition Get(string id) => All.First(f => f.Id == id);

    /// <summary>Peak stuck volumes in the affected zone.</summary>
    public static FigureDefinition StuckPeak => Get("stuck_peak_pct");

    /// <summary>The figures of one replication, in the order of <see cref="All"/>.</summary>
    /// <param name="summaries">That replication's summaries (one per metric and scope).</param>
    /// <param name="affectedZoneScope"><c>zone:us-east-1a</c>.</param>
    public static double[] Compute(IEnumerable<ReplicationSummary> summaries, string affectedZoneScope)
    {
        var inputs = new FigureInputs(summaries, affectedZoneScope);
        return [.. All.Select(f => f.Compute(inputs))];
    }
}
