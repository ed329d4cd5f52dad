namespace Simulator.Reporting;

/// <summary>Names of the metrics and scope kinds the reports single out (the simulator may emit others; they go to the CSVs only).</summary>
public static class ReportedMetrics
{
    /// <summary>Volumes with I/O blocked, % of the scope's volumes.</summary>
    public const string VolumesStuckPct = "volumes_stuck_pct";
    /// <summary>Volumes with no consistent copy left anywhere, % of the scope's volumes.</summary>
    public const string VolumesLostPct = "volumes_lost_pct";
    /// <summary>Volumes with no reachable replica, % of the scope's volumes.</summary>
    public const string VolumesUnavailablePct = "volumes_unavailable_pct";
    /// <summary>Control-plane requests from a zone that fail, %.</summary>
    public const string ApiErrorRatePct = "api_error_rate_pct";
    /// <summary>Free storage capacity of a cluster, %.</summary>
    public const string FreeCapacityPct = "free_capacity_pct";
    /// <summary>Nodes crashed so far (cumulative count).</summary>
    public const string NodesCrashedTotal = "nodes_crashed_total";
    /// <summary>Offered traffic of a network over its capacity, %.</summary>
    public const string NetworkUtilizationPct = "network_utilization_pct";

    /// <summary>Scope prefix of availability zones.</summary>
    public const string ZoneScopePrefix = "zone:";
    /// <summary>Scope prefix of storage clusters.</summary>
    public const string ClusterScopePrefix = "cluster:";
    /// <summary>Scope prefix of networks.</summary>
    public const string NetworkScopePrefix = "network:";
    /// <summary>Scope prefix of regions.</summary>
    public const string RegionScopePrefix = "region:";

    /// <summary>The threshold, in %, above which API error time is counted in the summary.</summary>
    public const double ApiErrorThresholdPct = 1.0;
}
