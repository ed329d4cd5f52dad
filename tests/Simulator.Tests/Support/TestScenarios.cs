using Simulator.Engine;
using Simulator.Faults;
using Simulator.Faults.Kinds;
using Simulator.Scenarios.Model;
using Simulator.Units;

namespace Simulator.Tests.Support;

/// <summary>
/// Small scenarios built in code, sized to run in well under a second: one region, zone <c>za</c> with one
/// cluster (40 nodes, 2,000 volumes of exactly 20 GiB, so free space per node is exactly the free share of its
/// capacity and "no space" means no volume fits anywhere) and zone <c>zb</c> without clusters (it only sends
/// API requests to the shared control plane). Each knob is a named argument; the rest follows
/// <c>scenarios/aws-2011-us-east-1.yaml</c> where that makes sense at this size.
/// </summary>
public static class TestScenarios
{
    public const string ZoneA = "za", ZoneB = "zb", ClusterName = "c1";
    public const string ZoneAScope = "zone:" + ZoneA, ZoneBScope = "zone:" + ZoneB, ClusterScope = "cluster:" + ClusterName;
    public const int Nodes = 40, Volumes = 2000;
    public static readonly ByteSize VolumeSize = ByteSize.FromGiB(20);

    public static Scenario Small(
        double freeCapacityPct = 50,
        int nodes = Nodes,
        int volumes = Volumes,
        double volumeSizeSigma = 0,
        RetryPolicySpec? retry = null,
        RetryAccounting accounting = RetryAccounting.Aggregated,
        bool holdGivenUpSpace = true,
        double crashPerClosure = 0,
        double unrecoverablePct = 0,
        double restartAfterH = 100,
        ControlPlaneScope controlPlaneScope = ControlPlaneScope.Regional,
        int workers = 100,
        IReadOnlyList<ApiRequestSpec>? api = null,
        IReadOnlyList<FaultSpec>? faults = null,
        IReadOnlyList<OperatorActionSpec>? operators = null,
        DatabasesSpec? databases = null,
        double horizonH = 4,
        int replicas = 2,
        WriteRule writeRule = WriteRule.All) => new()
    {
        Name = "test-small",
        Horizon = Duration.FromHours(horizonH),
        SampleInterval = Duration.FromMinutes(1),
        RetryAccounting = accounting,
        Topology = new TopologySpec
        {
            Regions =
            [
                new RegionSpec
                {
                    Name = "test-region",
                    Zones =
                    [
                        new ZoneSpec
                        {
                            Name = ZoneA,
                            Clusters =
                            [
                                new ClusterSpec
                                {
                                    Name = ClusterName,
                                    Nodes = nodes,
                                    Volumes = volumes,
                                    Replicas = replicas,
                                    WriteRule = writeRule,
                                    VolumeSize = new SizeDistributionSpec { Median = VolumeSize, Sigma = volumeSizeSigma },
                                    // A write a minute: a volume notices a lost partner within about 1.5 min (30 s time-out + first write).
                                    VolumeWrites = new RateDistributionSpec { Median = Rate.FromPerHour(60) },
                                    FreeCapacity = Fraction.FromPercent(freeCapacityPct),
                                    NodeTraffic = Bandwidth.FromGbps(1),
                                    SecondaryChatter = Bandwidth.FromGbps(0.02),
                                    // Primary at 50 % load. The secondary is 40 % full of chatter; the rest carries the
                                    // traffic of 3 % of the nodes: with 40 nodes, moving two (5 %) congests it.
                                    PrimaryNetwork = Bandwidth.FromGbps(2 * nodes),
                                    SecondaryNetwork = Bandwidth.FromGbps(0.05 * nodes),
                                },
                            ],
                        },
                        new ZoneSpec { Name = ZoneB },
                    ],
                },
            ],
        },
        Replication = new ReplicationSpec
        {
            DetectTimeout = Duration.FromSeconds(30),
            Retry = retry ?? FixedRetry(5),
            HoldGivenUpSpace = holdGivenUpSpace,
            CopyBandwidth = new Bandwidth(400e6), // 50 MB/s: a 20 GiB copy takes about 7 min
            Crash = new CrashSpec
            {
                PerClosureProbability = crashPerClosure,
                RestartDelay = new DurationDistributionSpec { Median = Duration.FromHours(restartAfterH) },
                Unrecoverable = Fraction.FromPercent(unrecoverablePct),
            },
        },
        ControlPlane = new ControlPlaneSpec
        {
            Scope = controlPlaneScope,
            Workers = workers,
            QueueLimit = 5000,
            Negotiate = new ApiCallSpec { Service = Duration.FromMilliseconds(56), Timeout = Duration.FromSeconds(60), Retries = 5 },
            Api = api ?? [],
        },
        Databases = databases,
        Faults = faults ?? [],
        Operators = operators ?? [],
    };

    /// <summary>
    /// The scenario with its cluster spread over <paramref name="powerDomains"/> power domains of
    /// <paramref name="racksPerPowerDomain"/> racks each (node n in rack n mod racks, <see cref="Simulator.Placement.FailureDomains.Uniform"/>),
    /// its replicas placed by <paramref name="placement"/>.
    /// </summary>
    public static Scenario WithLayout(this Scenario scenario, int powerDomains, int racksPerPowerDomain, PlacementKind placement = PlacementKind.MostFree)
    {
        var region = scenario.Topology.Regions[0];
        var zone = region.Zones[0];
        var cluster = zone.Clusters[0] with { PowerDomains = powerDomains, RacksPerPowerDomain = racksPerPowerDomain, Placement = placement };
        return scenario with
        {
            Topology = scenario.Topology with { Regions = [region with { Zones = [zone with { Clusters = [cluster] }, .. region.Zones.Skip(1)] }] },
        };
    }

    /// <summary>Runs <paramref name="scenario"/> once, sampling every minute.</summary>
    public static Experiments.SimulationRun Run(Scenario scenario, ulong seed = 1, Duration? fullInvariantCheckEvery = null)
    {
        var run = new Experiments.SimulationRun(scenario, seed, 0, 1) { FullInvariantCheckEvery = fullInvariantCheckEvery ?? Duration.FromHours(1), FullInvariantCheckMinEvents = 0 };
        run.Run(scenario.SampleInterval);
        return run;
    }

    public static RetryPolicySpec FixedRetry(double intervalS) => new() { Interval = Duration.FromSeconds(intervalS) };

    /// <summary>Moves <paramref name="portionPct"/> of the cluster's nodes onto the secondary network at <paramref name="atH"/>.</summary>
    public static FaultSpec RoutingChange(double portionPct, double atH = 0, double? rollbackAfterH = null) => new RoutingChangeFault
    {
        At = Duration.FromHours(atH),
        Cluster = ClusterName,
        Portion = Fraction.FromPercent(portionPct),
        RollbackAfter = rollbackAfterH is { } h ? Duration.FromHours(h) : null,
    };

    public static OperatorActionSpec AddCapacity(double atH, int nodes) =>
        new AddCapacityAction { At = Duration.FromHours(atH), Cluster = ClusterName, Nodes = nodes };

    public static OperatorActionSpec StopFutileSearch(double atH) =>
        new StopFutileSearchAction { At = Duration.FromHours(atH), Cluster = ClusterName };

    public static OperatorActionSpec CutControlPlane(double atH, double overH) =>
        new CutControlPlaneAction { At = Duration.FromHours(atH), Cluster = ClusterName, Over = Duration.FromHours(overH) };

    public static OperatorActionSpec EnableNegotiation(double atH, double perHour) =>
        new EnableNegotiationAction { At = Duration.FromHours(atH), Cluster = ClusterName, Rate = Rate.FromPerHour(perHour) };

    public static OperatorActionSpec ManualRestore(double atH, double perHour) =>
        new ManualRestoreAction { At = Duration.FromHours(atH), Cluster = ClusterName, Rate = Rate.FromPerHour(perHour) };

    /// <summary>Create Volume: must place data in the caller's zone, so it hangs until its time-out while that zone has no space.</summary>
    public static ApiRequestSpec CreateVolume(double perSecond, Duration timeout) => new()
    {
        Name = "create_volume",
        RatePerZone = Rate.FromPerSecond(perSecond),
        Service = Duration.FromMilliseconds(300),
        Timeout = timeout,
        NeedsClusterSpace = true,
    };

    public static ApiRequestSpec DescribeVolumes(double perSecond) => new()
    {
        Name = "describe_volumes",
        RatePerZone = Rate.FromPerSecond(perSecond),
        Service = Duration.FromMilliseconds(56),
        Timeout = Duration.FromSeconds(30),
    };
}
