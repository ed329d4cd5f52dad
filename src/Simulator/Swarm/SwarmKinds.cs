namespace Simulator.Swarm;

/// <summary>
/// What a swarm run can switch on, by the names the scenario file uses: fault kinds, operator actions, and the parts
/// of the model that only run when configured (the race condition's crashes, API traffic, cross-region classes,
/// databases). Each run of a swarm enables a random subset (swarm testing: a run that leaves some kinds out explores
/// what the others do undisturbed); the topology, placement, replicas, write rule, retry policy and control-plane
/// settings are drawn for every run.
/// </summary>
public static class SwarmKinds
{
    public const string RoutingChange = "routing_change", PowerLoss = "power_loss", NodeFailure = "node_failure",
        NodeFailures = "node_failures", DomainFailure = "domain_failure", DomainFailures = "domain_failures",
        Crashes = "crashes", ApiRequests = "api_requests", DisableApi = "disable_api", CutControlPlane = "cut_control_plane",
        StopFutileSearch = "stop_futile_search", AddCapacity = "add_capacity", EnableNegotiation = "enable_negotiation",
        ManualRestore = "manual_restore", RecoverySnapshots = "recovery_snapshots", SingleZoneDatabases = "databases_single_zone",
        MultiZoneDatabases = "databases_multi_zone";

    /// <summary>Kinds that need two regions or more.</summary>
    public const string RegionFailure = "region_failure", LinkCut = "link_cut", LinkDegrade = "link_degrade", LinkHeal = "link_heal",
        Partition = "partition", LinkFailures = "link_failures", CrossRegion = "cross_region", FailOver = "fail_over",
        MultiRegionDatabases = "databases_multi_region";

    /// <summary>Kinds any topology can have.</summary>
    public static IReadOnlyList<string> OneRegion { get; } =
    [
        RoutingChange, PowerLoss, NodeFailure, NodeFailures, DomainFailure, DomainFailures, Crashes, ApiRequests, DisableApi,
        CutControlPlane, StopFutileSearch, AddCapacity, EnableNegotiation, ManualRestore, RecoverySnapshots,
        SingleZoneDatabases, MultiZoneDatabases,
    ];

    /// <summary>Kinds of many regions.</summary>
    public static IReadOnlyList<string> ManyRegions { get; } =
        [RegionFailure, LinkCut, LinkDegrade, LinkHeal, Partition, LinkFailures, CrossRegion, FailOver, MultiRegionDatabases];

    /// <summary>Every kind, in the order runs draw them.</summary>
    public static IReadOnlyList<string> All { get; } = [.. OneRegion, .. ManyRegions];
}
