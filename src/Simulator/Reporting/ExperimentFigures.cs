namespace Simulator.Reporting;

/// <summary>
/// The headline figures that <c>compare</c> and <c>sweep</c> report for each replication, then average with a
/// confidence interval: how bad the outage got in the affected zone, and how far it reached beyond it. A figure whose
/// metric was not sampled (a scenario without databases) is NaN.
/// </summary>
public static class ExperimentFigures
{
    public static readonly FigureDefinition StuckPeak = new("stuck_peak_pct", "stuck peak", "%",
        "peak of volumes_stuck_pct in the affected zone");
    public static readonly FigureDefinition LostFinal = new("lost_final_pct", "lost final", "%",
        "volumes_lost_pct in the affected zone at the last sample");
    public static readonly FigureDefinition NodesCrashed = new("nodes_crashed", "crashed", "nodes",
        "nodes_crashed_total at the last sample, summed over clusters");
    public static readonly FigureDefinition ApiErrorsOtherZonesPeak = new("api_errors_other_zones_peak_pct",
        "API err. peak, other zones", "%", "peak of api_error_rate_pct, the largest over the zones other than the affected one");
    public static readonly FigureDefinition ApiErrorsOtherZonesMinutes = new("api_errors_other_zones_minutes_above_1pct",
        "API err. >1%, other zones", "min", "minutes with api_error_rate_pct above 1 %, the largest over the zones other than the affected one");
    public static readonly FigureDefinition DatabasesImpactedPeak = new("databases_single_zone_impacted_peak_pct",
        "1-zone DBs hit peak", "%", "peak of databases_single_zone_impacted_pct in the affected zone");

    /// <summary>The figures, in column order.</summary>
    public static IReadOnlyList<FigureDefinition> All { get; } =
        [StuckPeak, LostFinal, NodesCrashed, ApiErrorsOtherZonesPeak, ApiErrorsOtherZonesMinutes, DatabasesImpactedPeak];

    /// <summary>The figures of one replication, in the order of <see cref="All"/>.</summary>
    /// <param name="summaries">That replication's summaries (one per metric and scope).</param>
    /// <param name="affectedZoneScope"><c>zone:us-east-1a</c>.</param>
    public static double[] Compute(IEnumerable<ReplicationSummary> summaries, string affectedZoneScope)
    {
        var rows = summaries as IReadOnlyCollection<ReplicationSummary> ?? [.. summaries];
        double At(string metric, Func<ReplicationSummary, double> figure) =>
            rows.FirstOrDefault(r => r.Metric == metric && r.Scope == affectedZoneScope) is { } r ? figure(r) : double.NaN;

        var crashes = rows.Where(r => r.Metric == ReportedMetrics.NodesCrashedTotal &&
                                      r.Scope.StartsWith(ReportedMetrics.ClusterScopePrefix, StringComparison.Ordinal)).ToList();
        var otherZones = rows.Where(r => r.Metric == ReportedMetrics.ApiErrorRatePct && r.Scope != affectedZoneScope &&
                                         r.Scope.StartsWith(ReportedMetrics.ZoneScopePrefix, StringComparison.Ordinal)).ToList();
        return
        [
            At(ReportedMetrics.VolumesStuckPct, r => r.Peak),
            At(ReportedMetrics.VolumesLostPct, r => r.Final),
            crashes.Count > 0 ? crashes.Sum(r => r.Final) : double.NaN,
            otherZones.Count > 0 ? otherZones.Max(r => r.Peak) : double.NaN,
            otherZones.Count > 0 ? otherZones.Max(r => r.MinutesAbove1Pct ?? double.NaN) : double.NaN,
            At(DatabasesSingleZoneImpactedPct, r => r.Peak),
        ];
    }

    /// <summary>Single-zone databases with a stuck volume, % (sampled in the affected zone).</summary>
    public const string DatabasesSingleZoneImpactedPct = "databases_single_zone_impacted_pct";
}
