namespace Simulator.Metrics;

/// <summary>
/// Every metric <see cref="MetricsSampler"/> emits, with its unit, the kinds of scope it is sampled for and what it
/// measures, and the kinds of scope. The one place metric names and scope prefixes are written: the sampler and the
/// reports read them from here, and a test holds what the sampler emits to this list.
/// </summary>
public static class MetricCatalog
{
    private const string Percent = "%", PerSecond = "per second", Milliseconds = "ms";

    /// <summary>A region: the clusters of all its zones, each counted once.</summary>
    public static readonly ScopeKind Region = new("region", "region:<region>",
        "A region: the volumes of every simulated cluster in its zones, each volume counted once.");

    /// <summary>
    /// An availability zone: the clusters listed under it, and the API calls its callers make. A cluster whose nodes span
    /// zones (its <c>zones</c>) is counted in its home zone alone, the one it is listed under: its volumes' replicas are in
    /// several zones, so no other rule counts each volume once in its region.
    /// </summary>
    public static readonly ScopeKind Zone = new("zone", "zone:<zone>",
        "An availability zone: the volumes of the clusters listed under it (when it has simulated clusters), and the " +
        "control-plane API requests sent from it. A cluster whose nodes span several zones is counted in the zone it is " +
        "listed under (its home zone) alone, with all its volumes, so that no volume counts twice in its region; the " +
        "other zones it spans show none of its volumes.");

    /// <summary>A storage cluster.</summary>
    public static readonly ScopeKind Cluster = new("cluster", "cluster:<cluster>",
        "A storage cluster: its nodes, their free space, and the re-mirroring of its volumes.");

    /// <summary>One of a cluster's two networks.</summary>
    public static readonly ScopeKind Network = new("network", "network:<cluster>/primary or network:<cluster>/secondary",
        "One of a cluster's two networks, the primary or the low-capacity secondary one.");

    /// <summary>Scope kinds a metric of a zone's volumes is sampled for.</summary>
    private static readonly ScopeKind[] VolumeScopes = [Region, Zone];

    public static readonly MetricDefinition VolumesStuckPct = new("volumes_stuck_pct", Percent, VolumeScopes,
        "Volumes whose I/O is blocked now, because they lost their partner replica and have not started copying to a new one " +
        "or have no reachable copy, as a percentage of the scope's volumes.");

    public static readonly MetricDefinition VolumesUnavailablePct = new("volumes_unavailable_pct", Percent, VolumeScopes,
        "Stuck volumes with no reachable copy (their only up-to-date replica is on a crashed node, or both replicas are isolated), " +
        "as a percentage of the scope's volumes; a part of the stuck ones.");

    public static readonly MetricDefinition VolumesDegradedPct = new("volumes_degraded_pct", Percent, VolumeScopes,
        "Volumes copying their data to a new partner replica, still serving I/O, as a percentage of the scope's volumes.");

    public static readonly MetricDefinition VolumesLostPct = new("volumes_lost_pct", Percent, VolumeScopes,
        "Volumes lost for good because their only up-to-date copy was unrecoverable, as a percentage of the scope's volumes; " +
        "cumulative, it never decreases.");

    public static readonly MetricDefinition VolumesEverStuckPct = new("volumes_ever_stuck_pct", Percent, VolumeScopes,
        "Volumes that have been stuck at least once since time 0, as a percentage of the scope's volumes; cumulative.");

    public static readonly MetricDefinition VolumesStuckByCrashPct = new("volumes_stuck_by_crash_pct", Percent, VolumeScopes,
        "Volumes that a node crash (rather than a network isolation) has made stuck at least once since time 0, as a percentage " +
        "of the scope's volumes; cumulative.");

    public static readonly MetricDefinition VolumesStuckPctOfAffected = new("volumes_stuck_pct_of_affected", Percent, VolumeScopes,
        "Volumes stuck now as a percentage of the volumes ever stuck (0 while none has been).");

    public static readonly MetricDefinition VolumesNotRestoredPctOfAffected = new("volumes_not_restored_pct_of_affected", Percent,
        VolumeScopes,
        "Volumes stuck now or lost for good, as a percentage of the volumes ever stuck (0 while none has been).");

    public static readonly MetricDefinition ApiRequestsPerS = new("api_requests_per_s", PerSecond, [Zone],
        "Control-plane API requests from the zone that completed (served or failed) during the sampling interval, per second.");

    public static readonly MetricDefinition ApiErrorRatePct = new("api_error_rate_pct", Percent, [Zone],
        "API requests from the zone that failed (timed out, refused by a full queue or by a disabled API) during the sampling " +
        "interval, as a percentage of those completed (0 when none completed).");

    public static readonly MetricDefinition ApiLatencyP99Ms = new("api_latency_p99_ms", Milliseconds, [Zone],
        "The 99th percentile of the response time, in milliseconds, of the API requests from the zone completed during the " +
        "sampling interval (0 when none completed).");

    public static readonly MetricDefinition ControlPlaneUtilizationPct = new("control_plane_utilization_pct", Percent, [Zone],
        "Busy share of the worker pool that serves the zone (the region's pool, or the zone's own), re-mirroring negotiations " +
        "accounted as a fluid included, in percent.");

    public static readonly MetricDefinition DatabasesSingleZoneImpactedPct = new("databases_single_zone_impacted_pct", Percent, [Zone],
        "Single-zone databases with at least one of their striped volumes stuck now, as a percentage of those databases; sampled " +
        "only in the databases' zone (databases.zone) when the scenario has databases.");

    public static readonly MetricDefinition DatabasesMultiZoneFailoverFailedPct = new("databases_multi_zone_failover_failed_pct",
        Percent, [Zone],
        "Multi-zone databases whose failover to their standby failed, as a percentage of those databases; cumulative, sampled " +
        "only in the databases' zone (databases.zone) when the scenario has databases.");

    public static readonly MetricDefinition FreeCapacityPct = new("free_capacity_pct", Percent, [Cluster],
        "Free space on the nodes that accept new replicas, as a percentage of the cluster's capacity (crashed nodes' capacity " +
        "excluded).");

    public static readonly MetricDefinition NodesCrashedTotal = new("nodes_crashed_total", "crashes", [Cluster],
        "Node crashes since time 0, a node counted again each time it crashes; cumulative.");

    public static readonly MetricDefinition NodesUnpowered = new("nodes_unpowered", "nodes", [Cluster],
        "Nodes of the cluster without power now (a power loss not yet restored).");

    public static readonly MetricDefinition NodesDark = new("nodes_dark", "nodes", [Cluster],
        "Nodes of the cluster cut off now with their data kept: by a power loss (without power, or powered but with their network gear not back yet) or by an outage of their rack, power domain or zone.");

    public static readonly MetricDefinition RepairBandwidthGbps = new("repair_bandwidth_gbps", "Gbps", [Cluster],
        "Bandwidth the cluster's re-mirroring copies use now, summed over the copies in flight: each copy at most the copy " +
        "bandwidth, all of them sharing what the nodes' own traffic leaves on the links they cross, max-min fairly.");

    public static readonly MetricDefinition CopiesInFlight = new("copies_in_flight", "copies", [Cluster],
        "Re-mirroring copies in flight now (negotiated, data moving).");

    public static readonly MetricDefinition VolumesConsistencyUnknownPct = new("volumes_consistency_unknown_pct", Percent, VolumeScopes,
        "Volumes whose every replica lost power during writes and that are reachable again: not returned to service, they wait " +
        "to be handed over as recovery snapshots; as a percentage of the scope's volumes.");

    public static readonly MetricDefinition VolumesRecoveredBySnapshotPct = new("volumes_recovered_by_snapshot_pct", Percent, VolumeScopes,
        "Volumes handed over to their owners as recovery snapshots since time 0, as a percentage of the scope's volumes; cumulative.");

    public static readonly MetricDefinition VolumesAllReplicasDarkPct = new("volumes_all_replicas_dark_pct", Percent, VolumeScopes,
        "Volumes that have had every replica lose power at once since time 0, as a percentage of the scope's volumes; cumulative.");

    public static readonly MetricDefinition VolumesUnderReplicatedPct = new("volumes_under_replicated_pct", Percent, VolumeScopes,
        "Volumes with fewer replicas than the cluster's replication factor, re-mirroring (stuck or degraded), as a percentage of " +
        "the scope's volumes.");

    public static readonly MetricDefinition RepairBacklogBytes = new("repair_backlog_bytes", "bytes", [Region, Zone, Cluster],
        "Bytes of the replicas the scope's volumes are missing now: for each volume short of replicas, the replicas it lacks " +
        "times its size, summed over volumes neither lost nor restored outside the cluster (a copy in flight counts until it " +
        "completes; bandwidth does not enter it).");

    public static readonly MetricDefinition NodesIsolated = new("nodes_isolated", "nodes", [Cluster],
        "Nodes that cannot reach their partners now, because the network their traffic is routed on is congested.");

    public static readonly MetricDefinition NodesAddedTotal = new("nodes_added_total", "nodes", [Cluster],
        "Nodes operators have added to the cluster since time 0; cumulative.");

    public static readonly MetricDefinition RemirrorAttemptsPerS = new("remirror_attempts_per_s", PerSecond, [Cluster],
        "Searches for a node to hold a new replica, made by the cluster's stuck volumes during the sampling interval, per second " +
        "(futile retries accounted as rates included).");

    public static readonly MetricDefinition VolumesWaiting = new("volumes_waiting", "volumes", [Cluster],
        "Stuck volumes not retrying on their own now: waiting to be woken when space appears, or parked since operators " +
        "stopped futile searches.");

    public static readonly MetricDefinition ControlPlaneCutPct = new("control_plane_cut_pct", Percent, [Cluster],
        "Share of the cluster's re-mirroring negotiations that operators have cut off from the control plane (each is refused " +
        "with this probability), in percent.");

    public static readonly MetricDefinition NegotiationErrorRatePct = new("negotiation_error_rate_pct", Percent, [Cluster],
        "Re-mirroring negotiations of the cluster's volumes that failed (refused, cut off or timed out) during the sampling " +
        "interval, as a percentage of those started (0 when none started).");

    public static readonly MetricDefinition NegotiationsPerS = new("negotiations_per_s", PerSecond, [Cluster],
        "Re-mirroring negotiations the cluster's volumes started with the control plane during the sampling interval, per " +
        "second (refused ones included).");

    public static readonly MetricDefinition NetworkUtilizationPct = new("network_utilization_pct", Percent, [Network],
        "Traffic offered to the network, re-mirroring copies included, as a percentage of its capacity; it can exceed 100, and " +
        "the network is congested when its inelastic traffic alone does.");

    /// <summary>The scope kinds, from the widest to the narrowest.</summary>
    /// (Built on first use: the cross-region part is another class, whose own initialisation reads this one's scopes.)
    public static IReadOnlyList<ScopeKind> ScopeKinds => s_scopeKinds ??= [Region, Zone, Cluster, Network, CrossRegionMetrics.Link, CrossRegionMetrics.Replication];
    private static IReadOnlyList<ScopeKind>? s_scopeKinds;

    /// <summary>Every metric the sampler emits, grouped by scope kind.</summary>
    public static IReadOnlyList<MetricDefinition> All => s_all ??=
    [
        VolumesStuckPct, VolumesUnavailablePct, VolumesDegradedPct, VolumesLostPct, VolumesEverStuckPct, VolumesStuckByCrashPct,
        VolumesStuckPctOfAffected, VolumesNotRestoredPctOfAffected, VolumesConsistencyUnknownPct, VolumesRecoveredBySnapshotPct,
        VolumesAllReplicasDarkPct, VolumesUnderReplicatedPct, RepairBacklogBytes,
        ApiRequestsPerS, ApiErrorRatePct, ApiLatencyP99Ms, ControlPlaneUtilizationPct,
        DatabasesSingleZoneImpactedPct, DatabasesMultiZoneFailoverFailedPct,
        FreeCapacityPct, NodesCrashedTotal, NodesIsolated, NodesUnpowered, NodesDark, NodesAddedTotal, RemirrorAttemptsPerS, VolumesWaiting,
        CopiesInFlight, RepairBandwidthGbps, ControlPlaneCutPct, NegotiationErrorRatePct, NegotiationsPerS,
        NetworkUtilizationPct,
        .. CrossRegionMetrics.Series,
    ];
    private static IReadOnlyList<MetricDefinition>? s_all;

    /// <summary>Scope kinds the figures of failure events are summarised for.</summary>
    private static readonly ScopeKind[] FailureScopes = [Zone, Cluster];

    public static readonly MetricDefinition FailureEventsTotal = new("failure_events_total", "events", FailureScopes,
        "Failure events (node failures, crashes, power losses, routing changes) that made at least one volume of the scope short " +
        "of replicas or unavailable during the replication: the rows of failures.csv.");

    public static readonly MetricDefinition FailureEventsOpenTotal = new("failure_events_open_total", "events", FailureScopes,
        "Failure events of the scope with at least one volume still short of replicas or unavailable at the horizon.");

    public static readonly MetricDefinition TimeToFullReplicationP50S = new("time_to_full_replication_p50_s", "s", FailureScopes,
        "Median of the time to full replication, in seconds, of the scope's failure events in the replication (the column " +
        "time_to_full_replication_s of failures.csv); events without one are left out, and it is empty when no event has one.");

    public static readonly MetricDefinition TimeToFullReplicationP95S = new("time_to_full_replication_p95_s", "s", FailureScopes,
        "The 95th percentile (R-7 definition) of the time to full replication, in seconds, of the scope's failure events in the " +
        "replication; events without one are left out, and it is empty when no event has one.");

    public static readonly MetricDefinition TimeToFullReplicationMaxS = new("time_to_full_replication_max_s", "s", FailureScopes,
        "Longest time to full replication, in seconds, of the scope's failure events in the replication; events without one " +
        "are left out, and it is empty when no event has one.");

    /// <summary>
    /// Figures of the failure events of a replication (<c>failures.csv</c>), not sampled over time: each is one row of the
    /// replication's summary per scope, with the figure as both peak and final and no peak time.
    /// </summary>
    public static IReadOnlyList<MetricDefinition> FailureFigures { get; } =
    [
        FailureEventsTotal, FailureEventsOpenTotal, TimeToFullReplicationP50S, TimeToFullReplicationP95S, TimeToFullReplicationMaxS,
    ];

    /// <summary>The share of a scope's volumes stuck above which it counts as in an outage (<see cref="OutageDurationH"/>).</summary>
    public const double OutageThresholdPct = 1.0;

    public static readonly MetricDefinition OutageDurationH = new("outage_duration_h", "h", VolumeScopes,
        "How long the outage lasted, in hours: from the first sample with volumes_stuck_pct above 1 % to the first sample at or " +
        "below 1 % after the last one above it (each sample standing until the next); 0 when it never exceeds 1 %; an outage " +
        "still open at the horizon ends there (a lower bound).");

    public static readonly MetricDefinition StuckVolumeHours = new("stuck_volume_hours", "volume-h", VolumeScopes,
        "How much I/O was blocked: the area under the number of the scope's stuck volumes over the run, each sample's count " +
        "standing until the next, in volume-hours.");

    public static readonly MetricDefinition RecoveryTimeH = new("recovery_time_h", "h", VolumeScopes,
        "Time to full recovery, in hours since time 0: the first sample of the last stretch of samples with no volume of the " +
        "scope stuck, after some were; 0 when none ever was; the horizon when some are still stuck at the end (a lower bound).");

    /// <summary>
    /// Figures of how long an outage lasted, read off a replication's <c>volumes_stuck_pct</c> series: each is one row of
    /// the replication's summary per region and zone with volumes, with the figure as both peak and final and no peak time.
    /// </summary>
    public static IReadOnlyList<MetricDefinition> OutageFigures { get; } = [OutageDurationH, StuckVolumeHours, RecoveryTimeH];

    /// <summary>
    /// Every metric a summary can hold: the sampled ones (<see cref="All"/>), then the figures of outages, failure events and
    /// cross-region interruptions (one value per replication, not sampled over time).
    /// </summary>
    public static IReadOnlyList<MetricDefinition> Summarised => s_summarised ??= [.. All, .. OutageFigures, .. FailureFigures, .. CrossRegionMetrics.Figures];
    private static IReadOnlyList<MetricDefinition>? s_summarised;

    /// <summary>The unit of the metric named <paramref name="name"/> in <see cref="Summarised"/>; empty when it is not there.</summary>
    public static string UnitOf(string name) => Summarised.FirstOrDefault(m => m.Name == name)?.Unit ?? "";

    /// <summary>The metric named <paramref name="name"/>, or null when the catalogue has none.</summary>
    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>The kind of <paramref name="scope"/> (<c>zone:us-east-1a</c> is a zone), or null when it has no known prefix.</summary>
    public static ScopeKind? KindOf(string scope) => ScopeKinds.FirstOrDefault(k => k.Holds(scope));
}
