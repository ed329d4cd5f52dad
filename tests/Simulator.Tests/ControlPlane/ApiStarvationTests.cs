using NUnit.Framework;
using Simulator.Engine;
using Simulator.Scenarios.Model;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.ControlPlane;

public sealed class ApiStarvationTests
{
    /// <summary>
    /// Create Volume calls from zone za hang for their 10 min time-out while za's cluster has no space: at 0.1/s
    /// that is 60 workers' worth of hung calls, more than the 20 workers of the pool. Zone zb's own calls need
    /// no space there; they fail only if they share za's pool.
    /// </summary>
    private static Scenario Starving(double freeCapacityPct, ControlPlaneScope scope) => Small(
        freeCapacityPct: freeCapacityPct, horizonH: 2, controlPlaneScope: scope, workers: 20,
        api: [CreateVolume(perSecond: 0.1, timeout: Duration.FromMinutes(10)), DescribeVolumes(perSecond: 1)]);

    [Test]
    public void CreateVolumeCallsHangingInAZoneWithoutSpaceStarveTheOtherZonesOfARegionalControlPlane()
    {
        var run = Run(Starving(freeCapacityPct: 0.5, ControlPlaneScope.Regional));

        var otherZoneErrors = Series.Between(run, ZoneBScope, "api_error_rate_pct", 0.5, 2);
        Assert.That(otherZoneErrors.Average(), Is.GreaterThan(10));
        Assert.That(Series.Between(run, ZoneBScope, "control_plane_utilization_pct", 0.5, 2), Is.All.EqualTo(100));
    }

    [Test]
    public void APerZoneControlPlaneKeepsTheStarvationInItsZone()
    {
        var run = Run(Starving(freeCapacityPct: 0.5, ControlPlaneScope.PerZone));

        Assert.That(Series.Between(run, ZoneAScope, "api_error_rate_pct", 0.5, 2).Average(), Is.GreaterThan(10), "za still starves");
        Assert.That(Series.Between(run, ZoneBScope, "api_error_rate_pct", 0, 2), Is.All.LessThan(0.5));
    }

    /// <summary>
    /// The same starvation with zb in a region of its own: a regional control plane is one pool per region, so za's
    /// hung calls starve za's region and leave zb's region untouched (nothing in the model couples two regions'
    /// control planes).
    /// </summary>
    [Test]
    public void AStormInOneRegionLeavesAnotherRegionsApiErrorsAtZero()
    {
        var one = Starving(freeCapacityPct: 0.5, ControlPlaneScope.Regional);
        var region = one.Topology.Regions[0];
        var two = one with
        {
            Topology = new TopologySpec
            {
                Regions =
                [
                    region with { Zones = region.Zones.Where(z => z.Name == ZoneA).ToList() },
                    new RegionSpec { Name = "other-region", Zones = region.Zones.Where(z => z.Name == ZoneB).ToList() },
                ],
            },
        };

        var run = Run(two);

        Assert.That(Series.Between(run, ZoneAScope, "api_error_rate_pct", 0.5, 2).Average(), Is.GreaterThan(10), "za's region starves");
        Assert.That(Series.Between(run, ZoneBScope, "api_error_rate_pct", 0, 2), Is.All.EqualTo(0));
        Assert.That(Series.Between(run, ZoneBScope, "control_plane_utilization_pct", 0, 2).Max(), Is.LessThan(50));
    }

    [Test]
    public void NoCallHangsWhileTheZoneHasSpace()
    {
        var run = Run(Starving(freeCapacityPct: 50, ControlPlaneScope.Regional));

        Assert.That(Series.Between(run, ZoneBScope, "api_error_rate_pct", 0, 2), Is.All.LessThan(0.5));
        Assert.That(Series.Between(run, ZoneAScope, "api_error_rate_pct", 0, 2), Is.All.LessThan(0.5));
    }
}
