namespace Simulator.Metrics;

/// <summary>
/// The metrics and figures of links and cross-region replication (<see cref="CrossRegion.CrossRegionReplication"/>),
/// part of <see cref="MetricCatalog"/> (which lists them in <see cref="MetricCatalog.All"/>): sampled only when the
/// scenario has links or cross-region classes.
/// </summary>
public static class CrossRegionMetrics
{
    private const string Percent = "%", Seconds = "s";

    /// <summary>A link between regions or zones.</summary>
    public static readonly ScopeKind Link = new("link", "link:<link>",
        "A link between two regions or zones (topology.links), both directions.");

    /// <summary>A class of volumes replicated to another region.</summary>
    public static readonly ScopeKind Replication = new("replication", "replication:<class>",
        "A class of volumes of one cluster replicated asynchronously to another region (cross_region).");

    private static readonly ScopeKind[] Replicated = [MetricCatalog.Region, Replication];

    public static readonly MetricDefinition VolumesServingPct = new("volumes_serving_pct", Percent, Replicated,
        "Volumes serving I/O now, at home or from their remote copy after a failover, as a percentage of the scope's volumes " +
        "(a region: all the volumes homed in it; a class: its members).");

    public static readonly MetricDefinition VolumesFailedOverPct = new("volumes_failed_over_pct", Percent, Replicated,
        "Volumes whose remote copy has been promoted and that have not failed back yet (serving remotely, or not serving " +
        "while the remote region is down), as a percentage of the scope's volumes.");

    public static readonly MetricDefinition ReplicationLagMeanS = new("replication_lag_mean_s", Seconds, Replicated,
        "Mean, over the replicated volumes serving at home, of the seconds of writes their remote copy lacks now (continuous: " +
        "backlog age plus link latency; snapshots: time since the last snapshot received was taken); 0 when none serves at home.");

    public static readonly MetricDefinition ReplicationLagP99S = new("replication_lag_p99_s", Seconds, Replicated,
        "The 99th percentile of the same lag over the replicated volumes serving at home (the lowest lag at least 99 % of " +
        "them do not exceed).");

    public static readonly MetricDefinition ReplicationLagMaxS = new("replication_lag_max_s", Seconds, Replicated,
        "Largest lag over the replicated volumes serving at home.");

    public static readonly MetricDefinition ReplicationBacklogBytes = new("replication_backlog_bytes", "bytes", Replicated,
        "Bytes written at home that the remote region has not received yet (queued, on the wire, or in snapshots not yet " +
        "arrived).");

    public static readonly MetricDefinition LinkUtilizationPct = new("link_utilization_pct", Percent, [Link],
        "Traffic on the busier direction of the link (replication streams, snapshots and re-syncs) over its capacity now, in " +
        "percent; 0 while it is cut.");

    public static readonly MetricDefinition LinkThroughputGbps = new("link_throughput_gbps", "Gbps", [Link],
        "Traffic on both directions of the link now, gigabits per second.");

    /// <summary>The time-series metrics, in the order they are documented.</summary>
    public static IReadOnlyList<MetricDefinition> Series { get; } =
    [
        VolumesServingPct, VolumesFailedOverPct, ReplicationLagMeanS, ReplicationLagP99S, ReplicationLagMaxS, ReplicationBacklogBytes,
        LinkUtilizationPct, LinkThroughputGbps,
    ];

    public static readonly MetricDefinition InterruptionsTotal = new("interruptions_total", "events", Replicated,
        "Times a replicated volume of the scope stopped serving at home during the replication and served again (by " +
        "failover or at home): the outcomes the RPO and RTO figures are taken over.");

    public static readonly MetricDefinition InterruptionsOpenTotal = new("interruptions_open_total", "events", Replicated,
        "Replicated volumes of the scope serving nowhere at the horizon.");

    public static readonly MetricDefinition FailoversTotal = new("failovers_total", "events", Replicated,
        "Interruptions ended by the promotion of the remote copy.");

    public static readonly MetricDefinition RpoP50S = new("rpo_p50_s", Seconds, Replicated,
        "Median, over the failovers, of the seconds of writes lost: those the remote copy lacked when the volume stopped " +
        "serving at home; empty when there was no failover.");

    public static readonly MetricDefinition RpoP99S = new("rpo_p99_s", Seconds, Replicated,
        "The 99th percentile (R-7 definition) of the seconds of writes lost over the failovers; empty when there was none.");

    public static readonly MetricDefinition RpoMaxS = new("rpo_max_s", Seconds, Replicated,
        "Most seconds of writes lost by one failover; empty when there was none.");

    public static readonly MetricDefinition RpoBytesTotal = new("rpo_bytes_total", "bytes", Replicated,
        "Bytes of writes lost by all failovers: each volume's lost seconds times its write rate.");

    public static readonly MetricDefinition RtoP50S = new("rto_p50_s", Seconds, Replicated,
        "Median, over the interruptions, of the seconds from the volume stopping at home to serving again (failover or " +
        "recovery at home, whichever came first); empty when there was none.");

    public static readonly MetricDefinition RtoP99S = new("rto_p99_s", Seconds, Replicated,
        "The 99th percentile (R-7 definition) of the interruptions' recovery times; empty when there was none.");

    public static readonly MetricDefinition RtoMaxS = new("rto_max_s", Seconds, Replicated,
        "Longest recovery time of one interruption; empty when there was none.");

    /// <summary>Figures of a replication's interruptions (one summary row per scope, like the failure figures).</summary>
    public static IReadOnlyList<MetricDefinition> Figures { get; } =
    [
        InterruptionsTotal, InterruptionsOpenTotal, FailoversTotal, RpoP50S, RpoP99S, RpoMaxS, RpoBytesTotal, RtoP50S, RtoP99S, RtoMaxS,
    ];
}
