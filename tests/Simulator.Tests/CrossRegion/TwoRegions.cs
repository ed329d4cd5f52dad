using Simulator.Engine;
using Simulator.Faults;
using Simulator.Faults.Kinds;
using Simulator.Scenarios.Model;
using Simulator.Units;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.CrossRegion;

/// <summary>
/// The small test scenario (<see cref="Small"/>: region <c>test-region</c>, cluster c1 of 2,000 volumes in zone za)
/// with a second region, <c>remote</c> (zone zr, no cluster), one link between the regions, and every volume of c1
/// replicated to <c>remote</c>, each writing exactly <c>writeKBps</c> (σ = 0), so that the class writes
/// W = 2,000 × writeKBps in all.
/// </summary>
public static class TwoRegions
{
    public const string Home = "test-region", Remote = "remote", LinkName = "home--remote", ClassName = "c1-to-remote";
    public const double LatencyS = 0.05;

    public static Scenario Build(double writeKBps, double linkGbps, CrossRegionMode mode = CrossRegionMode.Continuous,
        Duration? every = null, double horizonH = 4, IReadOnlyList<FaultSpec>? faults = null,
        IReadOnlyList<OperatorActionSpec>? operators = null, bool automatic = true, double sharePct = 100)
    {
        var small = Small(horizonH: horizonH, faults: faults, operators: operators, freeCapacityPct: 20);
        return small with
        {
            Topology = small.Topology with
            {
                Regions = [.. small.Topology.Regions, new RegionSpec { Name = Remote, Zones = [new ZoneSpec { Name = "zr" }] }],
                Links = [new LinkSpec { Name = LinkName, Between = [Home, Remote], Bandwidth = Bandwidth.FromGbps(linkGbps), Latency = Duration.FromSeconds(LatencyS) }],
            },
            CrossRegion =
            [
                new CrossRegionSpec
                {
                    Name = ClassName, Cluster = ClusterName, To = Remote, Mode = mode, Every = every, Share = Fraction.FromPercent(sharePct),
                    WriteRate = new WriteRateSpec { Median = new Bandwidth(writeKBps * 1000 * 8) },
                    Failover = new FailoverSpec { Automatic = automatic, DetectAfter = Duration.FromMinutes(1), Promotion = Duration.FromMinutes(1) },
                },
            ],
        };
    }

    /// <summary>The home region lost at <paramref name="at"/> for <paramref name="forH"/> hours, nodes back with their data.</summary>
    public static FaultSpec LoseHome(Duration at, double forH = 1) => new RegionFailureFault
    {
        At = at, Region = Home, Repair = new DurationDistributionSpec { Median = Duration.FromHours(forH) },
    };
}
